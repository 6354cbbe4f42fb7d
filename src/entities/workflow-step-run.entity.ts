import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { WorkflowRunEntity } from './workflow-run.entity';

@Entity('workflow_step_runs')
@Index('uq_workflow_step_runs_run_step', ['runId', 'stepId'], { unique: true })
@Index('ix_workflow_step_runs_task', ['taskId'])
export class WorkflowStepRunEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'run_id' })
  @ForeignKey(() => WorkflowRunEntity, { name: 'fk_workflow_step_runs_run' })
  runId!: string;

  @Column('text', { name: 'step_id' })
  stepId!: string;

  /** Position in the definition's topological order, for stable listing. */
  @Column('integer', { default: 0 })
  position!: number;

  @Column('text', { default: 'PENDING' })
  status!: string;

  @Column('uuid', { name: 'task_id', nullable: true })
  taskId!: string | null;

  @Column('integer', { default: 0 })
  attempts!: number;

  @Column('jsonb', { nullable: true })
  output!: unknown;

  @Column('text', { nullable: true })
  error!: string | null;

  @Column('timestamptz', { name: 'started_at', nullable: true })
  startedAt!: Date | null;

  @Column('timestamptz', { name: 'completed_at', nullable: true })
  completedAt!: Date | null;
}
