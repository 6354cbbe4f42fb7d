import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { AgentInstanceEntity } from './agent-instance.entity';

/** One link of an agent's evidence hash chain; seq orders the chain and forbids forks. */
@Entity('evidence')
@Index('uq_evidence_agent_seq', ['agentId', 'seq'], { unique: true })
@Index('ix_evidence_agent_collected', ['agentId', 'collectedAt'])
@Index('ix_evidence_agent_kind', ['agentId', 'kind', 'seq'])
@Index('uq_evidence_external_version', ['agentId', 'kind', 'externalId', 'externalVersion'], {
  unique: true,
  where: 'external_id IS NOT NULL AND external_version IS NOT NULL',
})
export class EvidenceEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'agent_id' })
  @ForeignKey(() => AgentInstanceEntity, { name: 'fk_evidence_agent' })
  agentId!: string;

  @Column('uuid', { name: 'task_id', nullable: true })
  taskId!: string | null;

  @Column('integer')
  seq!: number;

  @Column('text')
  source!: string;

  @Column('text')
  kind!: string;

  @Column('text', { name: 'external_id', nullable: true })
  externalId!: string | null;

  /** The provider's version of the record (a finding's updatedAt), for de-duplication. */
  @Column('text', { name: 'external_version', nullable: true })
  externalVersion!: string | null;

  @Column('jsonb')
  data!: unknown;

  @Column('text')
  sha256!: string;

  @Column('text', { name: 'prev_sha256', nullable: true })
  prevSha256!: string | null;

  @Column('text')
  signature!: string;

  /** Fingerprint of the public key that signed it. */
  @Column('text', { name: 'key_id' })
  keyId!: string;

  @Column('timestamptz', { name: 'collected_at', default: () => 'now()' })
  collectedAt!: Date;
}
