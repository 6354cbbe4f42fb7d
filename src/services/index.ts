import type { DataSource } from 'typeorm';
import { AgentRegistry } from '../agents/agent-registry';
import type { Config } from '../config';
import type { Logger } from '../logging/logger';
import { AgentHealthService } from './agents/agent-health.service';
import { AgentService } from './agents/agent.service';
import { AuditLogService } from './audit/audit-log.service';
import { ApiKeyService } from './auth/api-key.service';
import { ChangeRunner } from './events/change-runner';
import { LocalEventBus } from './events/event-bus';
import { EventQueryService } from './events/event-query.service';
import type { KeyMaterial } from './secrets/key-material';
import { SecretBox } from './secrets/secret-box';
import { TaskQueryService } from './tasks/task-query.service';

export interface ServicesDependencies {
  config: Config;
  dataSource: DataSource;
  keys: KeyMaterial;
  logger: Logger;
  registry?: AgentRegistry;
}

/** Every domain service of a process, wired once; resolvers and jobs only call these. */
export interface Services {
  config: Config;
  dataSource: DataSource;
  logger: Logger;
  registry: AgentRegistry;
  secretBox: SecretBox;
  keys: KeyMaterial;
  bus: LocalEventBus;
  changes: ChangeRunner;
  agents: AgentService;
  agentHealth: AgentHealthService;
  apiKeys: ApiKeyService;
  auditLog: AuditLogService;
  events: EventQueryService;
  tasks: TaskQueryService;
}

export function createServices(deps: ServicesDependencies): Services {
  const { config, dataSource, keys, logger } = deps;
  const registry = deps.registry ?? new AgentRegistry();
  const secretBox = new SecretBox(keys.secretsKey, keys.secretsKeyPrevious);
  const bus = new LocalEventBus();
  const changes = new ChangeRunner(dataSource, bus);
  return {
    config,
    dataSource,
    logger,
    registry,
    secretBox,
    keys,
    bus,
    changes,
    agents: new AgentService(dataSource, changes, registry, secretBox, { maxConfigBytes: config.maxPayloadBytes }),
    agentHealth: new AgentHealthService(dataSource),
    apiKeys: new ApiKeyService(dataSource, changes),
    auditLog: new AuditLogService(dataSource),
    events: new EventQueryService(dataSource),
    tasks: new TaskQueryService(dataSource),
  };
}

export type { Actor } from './common/actor';
export { SYSTEM_ACTOR } from './common/actor';
export { DomainError } from './errors/domain-error';
export type { DomainErrorCode } from './errors/domain-error';
export type { Principal, Role } from './auth/roles';
