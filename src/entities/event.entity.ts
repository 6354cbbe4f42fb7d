import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The outbox: one row per committed state change, written in the change's own transaction. */
@Entity('events')
@Index('ix_events_agent_cursor', ['agentId', 'cursor'])
@Index('ix_events_at', ['at'])
export class EventEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  cursor!: string;

  @Column('text')
  kind!: string;

  @Column('timestamptz', { default: () => 'now()' })
  at!: Date;

  @Column('uuid', { name: 'agent_id', nullable: true })
  agentId!: string | null;

  @Column('uuid', { name: 'task_id', nullable: true })
  taskId!: string | null;

  @Column('uuid', { name: 'workflow_run_id', nullable: true })
  workflowRunId!: string | null;

  @Column('text', { nullable: true })
  status!: string | null;

  @Column('text', { name: 'previous_status', nullable: true })
  previousStatus!: string | null;

  @Column('jsonb', { nullable: true })
  data!: unknown;

  @Column('text', { nullable: true })
  actor!: string | null;

  @Column('text', { name: 'correlation_id', nullable: true })
  correlationId!: string | null;
}
