import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An API key: only the SHA-256 of its secret is stored, with a short plain prefix to recognise it. */
@Entity('api_keys')
@Index('uq_api_keys_live_name', ['name'], { unique: true, where: 'revoked_at IS NULL' })
@Index('uq_api_keys_hash', ['hash'], { unique: true })
export class ApiKeyEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  name!: string;

  @Column('text')
  role!: string;

  @Column('text')
  prefix!: string;

  @Column('text')
  hash!: string;

  @Column('text', { name: 'created_by', nullable: true })
  createdBy!: string | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'last_used_at', nullable: true })
  lastUsedAt!: Date | null;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt!: Date | null;
}
