import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Small durable facts of the installation (e.g. the oldest replayable event cursor). */
@Entity('system_settings')
export class SystemSettingEntity {
  @PrimaryColumn('text')
  key!: string;

  @Column('jsonb')
  value!: unknown;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt!: Date;
}
