import { AgentInstanceEntity } from './agent-instance.entity';
import { AgentLogEntity } from './agent-log.entity';
import { AgentMetricEntity } from './agent-metric.entity';
import { AgentTaskEntity } from './agent-task.entity';
import { AgentWorkflowEntity } from './agent-workflow.entity';
import { ApiKeyEntity } from './api-key.entity';
import { EventEntity } from './event.entity';
import { EventOutboxEntity } from './event-outbox.entity';
import { EvidenceEntity } from './evidence.entity';
import { ScheduleEntity } from './schedule.entity';
import { SystemSettingEntity } from './system-setting.entity';
import { WorkerHeartbeatEntity } from './worker-heartbeat.entity';
import { WorkflowRunEntity } from './workflow-run.entity';
import { WorkflowStepRunEntity } from './workflow-step-run.entity';

export {
  AgentInstanceEntity,
  AgentLogEntity,
  AgentMetricEntity,
  AgentTaskEntity,
  AgentWorkflowEntity,
  ApiKeyEntity,
  EventEntity,
  EventOutboxEntity,
  EvidenceEntity,
  ScheduleEntity,
  SystemSettingEntity,
  WorkerHeartbeatEntity,
  WorkflowRunEntity,
  WorkflowStepRunEntity,
};

export const allEntities = [
  AgentInstanceEntity,
  AgentTaskEntity,
  AgentWorkflowEntity,
  WorkflowRunEntity,
  WorkflowStepRunEntity,
  AgentMetricEntity,
  AgentLogEntity,
  ApiKeyEntity,
  EventEntity,
  EventOutboxEntity,
  ScheduleEntity,
  EvidenceEntity,
  WorkerHeartbeatEntity,
  SystemSettingEntity,
];
