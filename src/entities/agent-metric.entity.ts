import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One measurement (task.duration_ms, task.succeeded, ...), bucketed at query time. */
@Entity('agent_metrics')
@Index('ix_agent_metrics_name_time', ['name', 'recordedAt'])
@Index('ix_agent_metrics_agent_name_time', ['agentId', 'name', 'recordedAt'])
export class AgentMetricEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column('uuid', { name: 'agent_id', nullable: true })
  agentId!: string | null;

  @Column('uuid', { name: 'task_id', nullable: true })
  taskId!: string | null;

  @Column('text')
  name!: string;

  @Column('double precision')
  value!: number;

  @Column('timestamptz', { name: 'recorded_at', default: () => 'now()' })
  recordedAt!: Date;
}
