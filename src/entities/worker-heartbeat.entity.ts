import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Liveness of each worker process; a stale heartbeat lets another worker take over its jobs. */
@Entity('worker_heartbeats')
export class WorkerHeartbeatEntity {
  @PrimaryColumn('text', { name: 'worker_id' })
  workerId!: string;

  @Column('text')
  hostname!: string;

  @Column('integer')
  pid!: number;

  @Column('timestamptz', { name: 'started_at', default: () => 'now()' })
  startedAt!: Date;

  @Column('timestamptz', { name: 'heartbeat_at', default: () => 'now()' })
  heartbeatAt!: Date;

  /** graphile-worker's ids of this process's workers: what forceUnlockWorkers takes. */
  @Column('text', { name: 'graphile_worker_ids', array: true, default: () => "'{}'" })
  graphileWorkerIds!: string[];

  @Column('timestamptz', { name: 'stopped_at', nullable: true })
  stoppedAt!: Date | null;
}
