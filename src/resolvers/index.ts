import { AccessResolver } from './access.resolver';
import { AgentFieldsResolver } from './agent-fields.resolver';
import { AgentLifecycleResolver } from './agent-lifecycle.resolver';
import { MetricsResolver } from './metrics.resolver';
import { ScheduleResolver } from './schedule.resolver';
import { TaskResolver } from './task.resolver';
import { AgentResolver } from './agent.resolver';
import { AuditLogResolver } from './audit-log.resolver';
import { EventResolver } from './event.resolver';
import { TaskWorkflowRunResolver, WorkflowFieldsResolver, WorkflowRunFieldsResolver, WorkflowStepRunFieldsResolver } from './workflow-fields.resolver';
import { WorkflowResolver } from './workflow.resolver';
import { EvidenceResolver } from './evidence.resolver';
import { AgentStatusEventResolver } from './agent-status-event.resolver';
import { OverviewResolver } from './overview.resolver';
import { SubscriptionResolver } from './subscription.resolver';

export const allResolvers = [AccessResolver, AgentResolver, AgentFieldsResolver, AuditLogResolver, EventResolver, EvidenceResolver, AgentLifecycleResolver, TaskResolver, ScheduleResolver, MetricsResolver, SubscriptionResolver, AgentStatusEventResolver, OverviewResolver, WorkflowResolver, WorkflowFieldsResolver, WorkflowRunFieldsResolver, WorkflowStepRunFieldsResolver, TaskWorkflowRunResolver] as const;

export { authChecker } from './auth-checker';
export { createLoaders } from './loaders';
export type { Loaders } from './loaders';
export type { RequestContext } from './context';
