import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The audit log and agents' own log lines: append-only. */
@Entity('agent_logs')
@Index('ix_agent_logs_agent', ['agentId', 'id'])
@Index('ix_agent_logs_actor', ['actor', 'id'])
@Index('ix_agent_logs_task', ['taskId'])
export class AgentLogEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column('uuid', { name: 'agent_id', nullable: true })
  agentId!: string | null;

  @Column('uuid', { name: 'task_id', nullable: true })
  taskId!: string | null;

  @Column('text')
  level!: string;

  @Column('text')
  message!: string;

  @Column('jsonb', { nullable: true })
  metadata!: unknown;

  @Column('text', { nullable: true })
  actor!: string | null;

  @Column('text', { name: 'correlation_id', nullable: true })
  correlationId!: string | null;

  @Column('timestamptz', { default: () => 'now()' })
  timestamp!: Date;
}
