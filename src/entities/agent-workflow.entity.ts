import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One version of a named workflow definition; versions are never changed once stored. */
@Entity('agent_workflows')
@Index('uq_agent_workflows_name_version', ['name', 'version'], { unique: true })
@Index('ix_agent_workflows_created', ['createdAt', 'id'])
export class AgentWorkflowEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  name!: string;

  @Column('integer')
  version!: number;

  @Column('jsonb')
  definition!: unknown;

  @Column('text')
  source!: string;

  @Column('text', { name: 'created_by', nullable: true })
  createdBy!: string | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;
}
