import type { AgentRegistry } from '../agents/agent-registry';
import type { AgentInstanceEntity, ApiKeyEntity } from '../entities';
import { AgentStatus, EventKind, LogLevel, Role, TaskStatus } from '../schema/enums';
import type { Agent } from '../schema/types/agent.type';
import type { AgentLog } from '../schema/types/agent-log.type';
import type { ApiKey } from '../schema/types/access.type';
import type { Event } from '../schema/types/event.type';
import type { Evidence } from '../schema/types/evidence.type';
import type { Task } from '../schema/types/task.type';
import { maskConfig } from '../services/agents/agent-config';
import type { AuditLogLine } from '../services/audit/audit-log.service';
import type { StoredEvent } from '../services/events/event-types';
import type { EvidenceView } from '../services/evidence/evidence-row';
import type { TaskView } from '../services/tasks/task-row';

// Presentation only: domain rows to the GraphQL shapes, with secrets masked.

export function agentView(entity: AgentInstanceEntity, registry: AgentRegistry): Agent {
  return {
    id: entity.id,
    name: entity.name,
    type: entity.type,
    status: entity.status as AgentStatus,
    statusReason: entity.statusReason,
    maxConcurrency: entity.maxConcurrency,
    config: maskConfig(registry.get(entity.type), entity.config),
    createdAt: entity.createdAt,
    lastActiveAt: entity.lastActiveAt,
    deletedAt: entity.deletedAt,
  };
}

export function taskView(task: TaskView): Task {
  return { ...task, status: task.status as TaskStatus };
}

export function logView(line: AuditLogLine): AgentLog {
  return { ...line, level: line.level as LogLevel };
}

export function eventView(event: StoredEvent): Event {
  return { ...event, kind: event.kind as EventKind };
}

export function apiKeyView(entity: ApiKeyEntity): ApiKey {
  return {
    id: entity.id,
    name: entity.name,
    role: entity.role as Role,
    prefix: entity.prefix,
    createdAt: entity.createdAt,
    lastUsedAt: entity.lastUsedAt,
    revokedAt: entity.revokedAt,
  };
}

export function evidenceView(record: EvidenceView): Evidence {
  return {
    id: record.id,
    agentId: record.agentId,
    taskId: record.taskId,
    source: record.source,
    kind: record.kind,
    externalId: record.externalId,
    data: record.data,
    sha256: record.sha256,
    prevSha256: record.prevSha256,
    signature: record.signature,
    collectedAt: record.collectedAt,
  };
}
