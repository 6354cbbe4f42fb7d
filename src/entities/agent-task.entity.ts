import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { AgentInstanceEntity } from './agent-instance.entity';
import { WorkflowRunEntity } from './workflow-run.entity';

/** A task's whole history. graphile-worker deletes its job rows; this row stays forever. */
@Entity('agent_tasks')
@Index('ix_agent_tasks_status', ['status'])
@Index('ix_agent_tasks_created', ['createdAt', 'id'])
// Expression indexes (Agent.tasks' newest-first pages, the second also serving queries by agent
// and status): TypeORM cannot describe them, so the migration alone makes them
// (1764000900000-agent-task-pages).
@Index('ix_agent_tasks_agent_newest', { synchronize: false })
@Index('ix_agent_tasks_agent_status_newest', { synchronize: false })
@Index('ix_agent_tasks_workflow_run', ['workflowRunId'])
@Index('ix_agent_tasks_blocked', ['agentId', 'blockedAt'], { where: "status = 'QUEUED' AND blocked_at IS NOT NULL" })
@Index('ix_agent_tasks_worker_running', ['workerId'], { where: "status = 'RUNNING'" })
@Index('ix_agent_tasks_completed', ['completedAt'], { where: 'completed_at IS NOT NULL' })
@Index('uq_agent_tasks_idempotency_key', ['idempotencyKey'], { unique: true, where: 'idempotency_key IS NOT NULL' })
export class AgentTaskEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'agent_id' })
  @ForeignKey(() => AgentInstanceEntity, { name: 'fk_agent_tasks_agent' })
  agentId!: string;

  @Column('text')
  type!: string;

  @Column('text', { default: 'QUEUED' })
  status!: string;

  @Column('jsonb', { default: () => "'{}'" })
  payload!: unknown;

  @Column('jsonb', { nullable: true })
  result!: unknown;

  @Column('text', { nullable: true })
  error!: string | null;

  @Column('integer', { default: 0 })
  attempts!: number;

  @Column('integer', { name: 'max_attempts', default: 3 })
  maxAttempts!: number;

  @Column('integer', { default: 0 })
  priority!: number;

  @Column('timestamptz', { name: 'run_at', nullable: true })
  runAt!: Date | null;

  @Column('integer', { name: 'timeout_seconds', nullable: true })
  timeoutSeconds!: number | null;

  @Column('text', { name: 'idempotency_key', nullable: true })
  idempotencyKey!: string | null;

  @Column('uuid', { name: 'workflow_run_id', nullable: true })
  @ForeignKey(() => WorkflowRunEntity, { name: 'fk_agent_tasks_workflow_run' })
  workflowRunId!: string | null;

  @Column('text', { name: 'step_id', nullable: true })
  stepId!: string | null;

  /** Who asked for it: an API key's name, "system", or "schedule:<id>". */
  @Column('text', { name: 'created_by', nullable: true })
  createdBy!: string | null;

  /** The worker process running the current attempt. */
  @Column('text', { name: 'worker_id', nullable: true })
  workerId!: string | null;

  /** Set while the task waits for a free slot of its agent's maxConcurrency (it has no job then). */
  @Column('timestamptz', { name: 'blocked_at', nullable: true })
  blockedAt!: Date | null;

  @Column('timestamptz', { name: 'cancel_requested_at', nullable: true })
  cancelRequestedAt!: Date | null;

  @Column('timestamptz', { name: 'queued_at', default: () => 'now()' })
  queuedAt!: Date;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt!: Date;

  @Column('timestamptz', { name: 'started_at', nullable: true })
  startedAt!: Date | null;

  @Column('timestamptz', { name: 'completed_at', nullable: true })
  completedAt!: Date | null;

  @Column('integer', { name: 'duration_ms', nullable: true })
  durationMs!: number | null;
}
