"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.allEntities = exports.WorkflowStepRunEntity = exports.WorkflowRunEntity = exports.WorkerHeartbeatEntity = exports.SystemSettingEntity = exports.ScheduleEntity = exports.EvidenceEntity = exports.EventOutboxEntity = exports.EventEntity = exports.ApiKeyEntity = exports.AgentWorkflowEntity = exports.AgentTaskEntity = exports.AgentMetricEntity = exports.AgentLogEntity = exports.AgentInstanceEntity = void 0;
const agent_instance_entity_1 = require("./agent-instance.entity");
Object.defineProperty(exports, "AgentInstanceEntity", { enumerable: true, get: function () { return agent_instance_entity_1.AgentInstanceEntity; } });
const agent_log_entity_1 = require("./agent-log.entity");
Object.defineProperty(exports, "AgentLogEntity", { enumerable: true, get: function () { return agent_log_entity_1.AgentLogEntity; } });
const agent_metric_entity_1 = require("./agent-metric.entity");
Object.defineProperty(exports, "AgentMetricEntity", { enumerable: true, get: function () { return agent_metric_entity_1.AgentMetricEntity; } });
const agent_task_entity_1 = require("./agent-task.entity");
Object.defineProperty(exports, "AgentTaskEntity", { enumerable: true, get: function () { return agent_task_entity_1.AgentTaskEntity; } });
const agent_workflow_entity_1 = require("./agent-workflow.entity");
Object.defineProperty(exports, "AgentWorkflowEntity", { enumerable: true, get: function () { return agent_workflow_entity_1.AgentWorkflowEntity; } });
const api_key_entity_1 = require("./api-key.entity");
Object.defineProperty(exports, "ApiKeyEntity", { enumerable: true, get: function () { return api_key_entity_1.ApiKeyEntity; } });
const event_entity_1 = require("./event.entity");
Object.defineProperty(exports, "EventEntity", { enumerable: true, get: function () { return event_entity_1.EventEntity; } });
const event_outbox_entity_1 = require("./event-outbox.entity");
Object.defineProperty(exports, "EventOutboxEntity", { enumerable: true, get: function () { return event_outbox_entity_1.EventOutboxEntity; } });
const evidence_entity_1 = require("./evidence.entity");
Object.defineProperty(exports, "EvidenceEntity", { enumerable: true, get: function () { return evidence_entity_1.EvidenceEntity; } });
const schedule_entity_1 = require("./schedule.entity");
Object.defineProperty(exports, "ScheduleEntity", { enumerable: true, get: function () { return schedule_entity_1.ScheduleEntity; } });
const system_setting_entity_1 = require("./system-setting.entity");
Object.defineProperty(exports, "SystemSettingEntity", { enumerable: true, get: function () { return system_setting_entity_1.SystemSettingEntity; } });
const worker_heartbeat_entity_1 = require("./worker-heartbeat.entity");
Object.defineProperty(exports, "WorkerHeartbeatEntity", { enumerable: true, get: function () { return worker_heartbeat_entity_1.WorkerHeartbeatEntity; } });
const workflow_run_entity_1 = require("./workflow-run.entity");
Object.defineProperty(exports, "WorkflowRunEntity", { enumerable: true, get: function () { return workflow_run_entity_1.WorkflowRunEntity; } });
const workflow_step_run_entity_1 = require("./workflow-step-run.entity");
Object.defineProperty(exports, "WorkflowStepRunEntity", { enumerable: true, get: function () { return workflow_step_run_entity_1.WorkflowStepRunEntity; } });
exports.allEntities = [
    agent_instance_entity_1.AgentInstanceEntity,
    agent_task_entity_1.AgentTaskEntity,
    agent_workflow_entity_1.AgentWorkflowEntity,
    workflow_run_entity_1.WorkflowRunEntity,
    workflow_step_run_entity_1.WorkflowStepRunEntity,
    agent_metric_entity_1.AgentMetricEntity,
    agent_log_entity_1.AgentLogEntity,
    api_key_entity_1.ApiKeyEntity,
    event_entity_1.EventEntity,
    event_outbox_entity_1.EventOutboxEntity,
    schedule_entity_1.ScheduleEntity,
    evidence_entity_1.EvidenceEntity,
    worker_heartbeat_entity_1.WorkerHeartbeatEntity,
    system_setting_entity_1.SystemSettingEntity,
];
//# sourceMappingURL=index.js.map