"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DomainError = exports.SYSTEM_ACTOR = void 0;
exports.createServices = createServices;
const agent_registry_1 = require("../agents/agent-registry");
const agent_health_cache_1 = require("./agents/agent-health-cache");
const agent_health_service_1 = require("./agents/agent-health.service");
const agent_service_1 = require("./agents/agent.service");
const audit_log_service_1 = require("./audit/audit-log.service");
const api_key_service_1 = require("./auth/api-key.service");
const mutation_rate_limiter_1 = require("./auth/mutation-rate-limiter");
const event_sequencer_1 = require("./events/event-sequencer");
const change_runner_1 = require("./events/change-runner");
const event_bus_1 = require("./events/event-bus");
const event_query_service_1 = require("./events/event-query.service");
const event_retention_service_1 = require("./events/event-retention.service");
const event_stream_service_1 = require("./events/event-stream.service");
const overview_feed_1 = require("./metrics/overview-feed");
const overview_service_1 = require("./metrics/overview.service");
const evidence_service_1 = require("./evidence/evidence.service");
const secret_box_1 = require("./secrets/secret-box");
const secret_rotation_service_1 = require("./secrets/secret-rotation.service");
const task_query_service_1 = require("./tasks/task-query.service");
const agent_lifecycle_service_1 = require("./agents/agent-lifecycle.service");
const metric_query_service_1 = require("./metrics/metric-query.service");
const schedule_service_1 = require("./schedules/schedule.service");
const task_events_1 = require("./tasks/task-events");
const task_service_1 = require("./tasks/task.service");
const worker_liveness_service_1 = require("./workers/worker-liveness.service");
const task_service_port_1 = require("./workflows/task-service-port");
const workflow_engine_1 = require("./workflows/workflow-engine");
const workflow_run_query_service_1 = require("./workflows/workflow-run-query.service");
const workflow_validator_1 = require("./workflows/workflow-validator");
const workflow_service_1 = require("./workflows/workflow.service");
function createServices(deps) {
    const { config, dataSource, keys, logger } = deps;
    const registry = deps.registry ?? new agent_registry_1.AgentRegistry();
    const secretBox = new secret_box_1.SecretBox(keys.secretsKey, keys.secretsKeyPrevious);
    const bus = new event_bus_1.LocalEventBus();
    const changes = new change_runner_1.ChangeRunner(dataSource, new event_sequencer_1.EventSequencer(dataSource, logger));
    const events = new event_query_service_1.EventQueryService(dataSource);
    const overview = new overview_service_1.OverviewService(dataSource);
    const taskHooks = new task_events_1.TaskHooks();
    const taskService = new task_service_1.TaskService(dataSource, changes, registry, taskHooks, { maxPayloadBytes: config.maxPayloadBytes });
    const workflows = new workflow_service_1.WorkflowService(dataSource, changes, new workflow_validator_1.WorkflowValidator(registry, { maxBytes: config.maxPayloadBytes }));
    const workflowEngine = new workflow_engine_1.WorkflowEngine(changes, workflows, new task_service_port_1.TaskServicePort(taskService), { maxPayloadBytes: config.maxPayloadBytes });
    taskHooks.add((tx, task, previousStatus) => workflowEngine.onTaskChanged(tx, task, previousStatus));
    const agents = new agent_service_1.AgentService(dataSource, changes, registry, secretBox, taskService, { maxConfigBytes: config.maxPayloadBytes });
    const agentHealth = new agent_health_service_1.AgentHealthService(dataSource, deps.redis === undefined ? new agent_health_cache_1.MemoryHealthCache() : new agent_health_cache_1.RedisHealthCache(deps.redis, config.redisPrefix));
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
        workflowRuns: new workflow_run_query_service_1.WorkflowRunQueryService(dataSource),
        workflowEngine,
        taskService,
        taskHooks,
        lifecycle: new agent_lifecycle_service_1.AgentLifecycleService(dataSource, changes, registry, secretBox, taskService),
        schedules: new schedule_service_1.ScheduleService(dataSource, changes, registry, taskService, { maxPayloadBytes: config.maxPayloadBytes }),
        metrics: new metric_query_service_1.MetricQueryService(dataSource),
        liveness: new worker_liveness_service_1.WorkerLivenessService(dataSource, changes, taskHooks),
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
        apiKeys: new api_key_service_1.ApiKeyService(dataSource, changes),
        mutationLimiter: new mutation_rate_limiter_1.MutationRateLimiter({ perSecond: config.mutationRatePerSecond, burst: config.mutationRateBurst }),
        auditLog: new audit_log_service_1.AuditLogService(dataSource),
        events,
        live: new event_stream_service_1.EventStreamService(events, bus, { bufferSize: config.subscriptionBufferEvents }),
        eventRetention: new event_retention_service_1.EventRetentionService(dataSource, changes, { retentionDays: config.eventRetentionDays }),
        overview,
        overviewFeed: new overview_feed_1.OverviewFeed(overview, logger),
        tasks: new task_query_service_1.TaskQueryService(dataSource),
        evidence: new evidence_service_1.EvidenceService(dataSource, changes, keys),
        secretRotation: new secret_rotation_service_1.SecretRotationService(dataSource, changes, secretBox),
    };
}
var actor_1 = require("./common/actor");
Object.defineProperty(exports, "SYSTEM_ACTOR", { enumerable: true, get: function () { return actor_1.SYSTEM_ACTOR; } });
var domain_error_1 = require("./errors/domain-error");
Object.defineProperty(exports, "DomainError", { enumerable: true, get: function () { return domain_error_1.DomainError; } });
//# sourceMappingURL=index.js.map