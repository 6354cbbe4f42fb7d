import { Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { EventColumns } from './event-columns.entity';

/** The ordered log: one row per committed state change, numbered by the event sequencer in commit order. */
@Entity('events')
@Index('ix_events_agent_cursor', ['agentId', 'cursor'])
@Index('ix_events_at', ['at'])
export class EventEntity extends EventColumns {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  cursor!: string;
}
