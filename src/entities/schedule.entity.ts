import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { AgentInstanceEntity } from './agent-instance.entity';

@Entity('schedules')
@Index('ix_schedules_agent', ['agentId'])
@Index('ix_schedules_due', ['nextRunAt'], { where: 'enabled AND deleted_at IS NULL' })
export class ScheduleEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'agent_id' })
  @ForeignKey(() => AgentInstanceEntity, { name: 'fk_schedules_agent' })
  agentId!: string;

  @Column('text', { name: 'task_type' })
  taskType!: string;

  @Column('jsonb', { default: () => "'{}'" })
  payload!: unknown;

  @Column('text')
  cron!: string;

  @Column('boolean', { default: true })
  enabled!: boolean;

  @Column('timestamptz', { name: 'last_run_at', nullable: true })
  lastRunAt!: Date | null;

  @Column('timestamptz', { name: 'next_run_at', nullable: true })
  nextRunAt!: Date | null;

  @Column('text', { name: 'created_by', nullable: true })
  createdBy!: string | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt!: Date;

  @Column('timestamptz', { name: 'deleted_at', nullable: true })
  deletedAt!: Date | null;
}
