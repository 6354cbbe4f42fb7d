import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { AgentWorkflowEntity } from './agent-workflow.entity';

@Entity('workflow_runs')
@Index('ix_workflow_runs_workflow_created', ['workflowId', 'createdAt', 'id'])
@Index('ix_workflow_runs_status', ['status'])
export class WorkflowRunEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'workflow_id' })
  @ForeignKey(() => AgentWorkflowEntity, { name: 'fk_workflow_runs_workflow' })
  workflowId!: string;

  @Column('text', { default: 'PENDING' })
  status!: string;

  @Column('jsonb', { nullable: true })
  input!: unknown;

  @Column('text', { nullable: true })
  error!: string | null;

  @Column('text', { name: 'created_by', nullable: true })
  createdBy!: string | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt!: Date;

  @Column('timestamptz', { name: 'started_at', nullable: true })
  startedAt!: Date | null;

  @Column('timestamptz', { name: 'completed_at', nullable: true })
  completedAt!: Date | null;
}
