import type { DataSource } from 'typeorm';
import { AgentRegistry } from '../agents/agent-registry';
import type { Config } from '../config';
import type { Logger } from '../logging/logger';
import type { Redis } from 'ioredis';
import { MemoryHealthCache, RedisHealthCache } from './agents/agent-health-cache';
import { AgentHealthService } from './agents/agent-health.service';
import { AgentService } from './agents/agent.service';
import { AuditLogService } from './audit/audit-log.service';
import { ApiKeyService } from './auth/api-key.service';
import { MutationRateLimiter } from './auth/mutation-rate-limiter';
import { EventSequencer } from './events/event-sequencer';
import { ChangeRunner } from './events/change-runner';
import { LocalEventBus } from './events/event-bus';
import { EventQueryService } from './events/event-query.service';
import { EventRetentionService } from './events/event-retention.service';
import { EventStreamService } from './events/event-stream.service';
import { OverviewFeed } from './metrics/overview-feed';
import { OverviewService } from './metrics/overview.service';
import { EvidenceService } from './evidence/evidence.service';
import type { KeyMaterial } from './secrets/key-material';
import { SecretBox } from './secrets/secret-box';
import { SecretRotationService } from './secrets/secret-rotation.service';
import { TaskQueryService } from './tasks/task-query.service';
import { AgentLifecycleService } from './agents/agent-lifecycle.service';
import { MetricQueryService } from './metrics/metric-query.service';
import { ScheduleService } from './schedules/schedule.service';
import { TaskHooks } from './tasks/task-events';
import { TaskService } from './tasks/task.service';
import { WorkerLivenessService } from './workers/worker-liveness.service';
import { TaskServicePort } from './workflows/task-service-port';
import { WorkflowEngine } from './workflows/workflow-engine';
import { WorkflowRunQueryService } from './workflows/workflow-run-query.service';
import { WorkflowValidator } from './workflows/workflow-validator';
import { WorkflowService } from './workflows/workflow.service';

export interface ServicesDependencies {
  config: Config;
  dataSource: DataSource;
  keys: KeyMaterial;
  logger: Logger;
  registry?: AgentRegistry;
  /** The shared Redis (REDIS_URL), for the status cache; without it an in-process cache. */
  redis?: Redis;
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
  mutationLimiter: MutationRateLimiter;
  auditLog: AuditLogService;
  events: EventQueryService;
  /** Live event streams (replay + live) behind subscriptions; fed by the API process's event relay. */
  live: EventStreamService;
  eventRetention: EventRetentionService;
  overview: OverviewService;
  /** The one overview ticker of the process, running only while someone subscribes. */
  overviewFeed: OverviewFeed;
  tasks: TaskQueryService;
  /** Submitting, cancelling, retrying tasks. */
  taskService: TaskService;
  /** Hooks run inside every task status change's transaction (the workflow engine's). */
  taskHooks: TaskHooks;
  lifecycle: AgentLifecycleService;
  schedules: ScheduleService;
  metrics: MetricQueryService;
  liveness: WorkerLivenessService;
  evidence: EvidenceService;
  secretRotation: SecretRotationService;
  /** Validating, storing and reading versioned workflow definitions. */
  workflows: WorkflowService;
  /** Reading workflow runs and their steps. */
  workflowRuns: WorkflowRunQueryService;
  /** Running workflows as tasks; advanced by the task hooks. */
  workflowEngine: WorkflowEngine;
}

export function createServices(deps: ServicesDependencies): Services {
  const { config, dataSource, keys, logger } = deps;
  const registry = deps.registry ?? new AgentRegistry();
  const secretBox = new SecretBox(keys.secretsKey, keys.secretsKeyPrevious);
  const bus = new LocalEventBus();
  const changes = new ChangeRunner(dataSource, new EventSequencer(dataSource, logger));
  const events = new EventQueryService(dataSource);
  const overview = new OverviewService(dataSource);
  const taskHooks = new TaskHooks();
  const taskService = new TaskService(dataSource, changes, registry, taskHooks, { maxPayloadBytes: config.maxPayloadBytes });
  const workflows = new WorkflowService(dataSource, changes, new WorkflowValidator(registry, { maxBytes: config.maxPayloadBytes }));
  const workflowEngine = new WorkflowEngine(changes, workflows, new TaskServicePort(taskService), { maxPayloadBytes: config.maxPayloadBytes });
  taskHooks.add((tx, task, previousStatus) => workflowEngine.onTaskChanged(tx, task, previousStatus));
  const agents = new AgentService(dataSource, changes, registry, secretBox, taskService, { maxConfigBytes: config.maxPayloadBytes });
  const agentHealth = new AgentHealthService(dataSource, deps.redis === undefined ? new MemoryHealthCache() : new RedisHealthCache(deps.redis, config.redisPrefix));
  // Cached agent reads go stale with this process's own commits at once, and with other
  // processes' commits as the relay publishes their events on the bus.
  changes.onCommitted((agentIds) => {
    agents.rowCache.invalidate(agentIds);
    agentHealth.invalidate([...agentIds]);
  });
  agents.invalidateOn(bus);
  agentHealth.invalidateOn(bus);
  return {
    workflows,
    workflowRuns: new WorkflowRunQueryService(dataSource),
    workflowEngine,
    taskService,
    taskHooks,
    lifecycle: new AgentLifecycleService(dataSource, changes, registry, secretBox, taskService),
    schedules: new ScheduleService(dataSource, changes, registry, taskService, { maxPayloadBytes: config.maxPayloadBytes }),
    metrics: new MetricQueryService(dataSource),
    liveness: new WorkerLivenessService(dataSource, changes, taskHooks),
    config,
    dataSource,
    logger,
    registry,
    secretBox,
    keys,
    bus,
    changes,
    agents,
    agentHealth,
    apiKeys: new ApiKeyService(dataSource, changes),
    mutationLimiter: new MutationRateLimiter({ perSecond: config.mutationRatePerSecond, burst: config.mutationRateBurst }),
    auditLog: new AuditLogService(dataSource),
    events,
    live: new EventStreamService(events, bus, { bufferSize: config.subscriptionBufferEvents }),
    eventRetention: new EventRetentionService(dataSource, changes, { retentionDays: config.eventRetentionDays }),
    overview,
    overviewFeed: new OverviewFeed(overview, logger),
    tasks: new TaskQueryService(dataSource),
    evidence: new EvidenceService(dataSource, changes, keys),
    secretRotation: new SecretRotationService(dataSource, changes, secretBox),
  };
}

export type { Actor } from './common/actor';
export { SYSTEM_ACTOR } from './common/actor';
export { DomainError } from './errors/domain-error';
export type { DomainErrorCode } from './errors/domain-error';
export type { Principal, Role } from './auth/roles';
export { slowConsumer } from './events/live-event-stream';
export type { LiveEventSink } from './events/live-event-stream';
export type { StoredEvent } from './events/event-types';
