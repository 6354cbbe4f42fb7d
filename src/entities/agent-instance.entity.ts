import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One agent: a configured instance of an agent type. Soft-deleted so its history stays auditable. */
@Entity('agent_instances')
@Index('uq_agent_instances_live_name', ['name'], { unique: true, where: 'deleted_at IS NULL' })
@Index('ix_agent_instances_status', ['status'])
@Index('ix_agent_instances_created', ['createdAt', 'id'])
export class AgentInstanceEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  name!: string;

  @Column('text')
  type!: string;

  @Column('text', { default: 'CREATED' })
  status!: string;

  @Column('text', { name: 'status_reason', nullable: true })
  statusReason!: string | null;

  /** Plain values for ordinary fields, encrypted envelopes for the type's secret fields. */
  @Column('jsonb', { default: () => "'{}'" })
  config!: Record<string, unknown>;

  @Column('integer', { name: 'max_concurrency', default: 4 })
  maxConcurrency!: number;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt!: Date;

  @Column('timestamptz', { name: 'last_active_at', nullable: true })
  lastActiveAt!: Date | null;

  @Column('timestamptz', { name: 'deleted_at', nullable: true })
  deletedAt!: Date | null;
}
