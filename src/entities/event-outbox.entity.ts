import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { EventColumns } from './event-columns.entity';

/**
 * Events written by committed changes and not yet given their cursor. A change inserts here
 * (no lock, so changes commit side by side); the event sequencer moves rows to `events` in
 * batches, numbering them in the order its serialised transactions commit.
 */
@Entity('event_outbox')
export class EventOutboxEntity extends EventColumns {
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'pk_event_outbox' })
  id!: string;

  /** The transaction that wrote the row: the sequencer numbers a transaction's events together. */
  @Column('bigint', { default: () => 'txid_current()' })
  tx!: string;
}
