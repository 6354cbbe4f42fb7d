import type { ExecutionResult } from 'graphql';
import type { StoredEvent } from '../services';
import { FannedOutSubscription, SerialisedResult, type FanoutTarget } from './fanned-out-subscription';
import type { SharedEventExecutions } from './subscription-execution';

type Batch = { sequence: number; subscribers: FannedOutSubscription[]; written: boolean };

type Settled = { ok: true; value: ExecutionResult } | { ok: false; error: unknown };

/**
 * Delivery of live events to subscriptions that share an execution key: each event is
 * executed once for the key and serialised once, then handed to every subscriber in one loop,
 * with no per-subscriber promise between the event and the write. A key's events are executed
 * one after the other, as its subscribers would have pulled them (a burst does not start a
 * thousand executions at once), and written in the order the bus delivered them.
 */
export class LiveFanout {
  private readonly batches = new WeakMap<object, Map<string, Batch>>();
  /** Per key, the write of its latest event: the next event's execution waits for it. */
  private readonly tails = new Map<string, Promise<void>>();
  /** Per key, batches not yet written. */
  private readonly pending = new Map<string, number>();
  private batchesMade = 0;

  constructor(
    private readonly executions: SharedEventExecutions,
    /**
     * Events a subscriber may be behind (SUBSCRIPTION_BUFFER_EVENTS): results waiting for its
     * frame in flight, and batches its key has waiting behind a slow or stuck execution.
     */
    private readonly maxBufferedEvents: number,
  ) {}

  /** A subscription of `source`'s events whose results go to `target`. */
  subscription(source: AsyncIterator<unknown>, target: FanoutTarget): FannedOutSubscription {
    return new FannedOutSubscription(source, target, this.maxBufferedEvents);
  }

  /** `subscriber` takes `event` (called by its diverted stream, synchronously from the bus, in cursor order). */
  offer(event: StoredEvent, key: string, subscriber: FannedOutSubscription, run: () => Promise<ExecutionResult>): void {
    let byKey = this.batches.get(event);
    if (byKey === undefined) {
      byKey = new Map();
      this.batches.set(event, byKey);
    }
    const existing = byKey.get(key);
    // Joining a batch not yet written keeps the subscriber's order only if that batch comes
    // after the last one it joined. A stream diverted late hands over events it queued before
    // the divert: those get batches of their own, at the end of the key's chain.
    if (existing !== undefined && !existing.written && existing.sequence > subscriber.joinedBatch) {
      existing.subscribers.push(subscriber);
      subscriber.joinedBatch = existing.sequence;
      return;
    }
    const pendingNow = this.pending.get(key) ?? 0;
    if (pendingNow >= this.maxBufferedEvents) {
      subscriber.overflow();
      return;
    }
    this.pending.set(key, pendingNow + 1);
    this.batchesMade += 1;
    const batch: Batch = { sequence: this.batchesMade, subscribers: [subscriber], written: false };
    subscriber.joinedBatch = batch.sequence;
    byKey.set(key, batch);
    const execute = (): Promise<Settled> =>
      this.executions.run(event, key, run).then(
        (value): Settled => ({ ok: true, value }),
        (error: unknown): Settled => ({ ok: false, error }),
      );
    const previous = this.tails.get(key);
    const settled = previous === undefined ? execute() : previous.then(execute);
    const written = settled.then((outcome) => {
      batch.written = true;
      const left = (this.pending.get(key) ?? 1) - 1;
      if (left > 0) this.pending.set(key, left);
      else this.pending.delete(key);
      if (!outcome.ok) {
        for (const each of batch.subscribers) each.fail(outcome.error);
        return;
      }
      try {
        this.write(event.cursor, batch.subscribers, outcome.value);
      } catch (error: unknown) {
        // A result that cannot be serialised ends its subscribers' streams, as a failed execution does.
        for (const each of batch.subscribers) each.fail(error);
      }
    });
    this.tails.set(key, written);
    void written.then(() => {
      if (this.tails.get(key) === written) this.tails.delete(key);
    });
  }

  private write(cursor: string, subscribers: readonly FannedOutSubscription[], result: ExecutionResult): void {
    const plainPayload = result.errors === undefined || result.errors.length === 0 ? new SerialisedResult(JSON.stringify(result)) : undefined;
    for (const subscriber of subscribers) {
      try {
        subscriber.deliver(cursor, result, plainPayload);
      } catch (error: unknown) {
        // One subscriber's failed write (a socket torn down under us) must not cost the others theirs.
        subscriber.fail(error);
      }
    }
  }
}
