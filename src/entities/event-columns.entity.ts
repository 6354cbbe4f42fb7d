import { Column } from 'typeorm';

/**
 * The columns of an event, shared by `events` (numbered) and `event_outbox` (waiting for its
 * number): the sequencer copies one into the other column for column.
 */
export abstract class EventColumns {
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
