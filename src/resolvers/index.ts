import { AccessResolver } from './access.resolver';
import { AgentFieldsResolver } from './agent-fields.resolver';
import { AgentResolver } from './agent.resolver';
import { AuditLogResolver } from './audit-log.resolver';
import { EventResolver } from './event.resolver';

export const allResolvers = [AccessResolver, AgentResolver, AgentFieldsResolver, AuditLogResolver, EventResolver] as const;

export { authChecker } from './auth-checker';
export { createLoaders } from './loaders';
export type { Loaders } from './loaders';
export type { RequestContext } from './context';
