import type { DataSource } from 'typeorm';
import type { Actor } from '../common/actor';
import { ChangeTransaction } from './change-transaction';

/**
 * Runs a state change in one transaction. Its events reach live subscribers through the
 * event relay of every API process, which reads them from the events table once the
 * transaction committed (the transaction's NOTIFY wakes the relays at commit); nothing is
 * published from here, so a rolled-back change is never heard and no process sees an
 * event before an earlier-committed one.
 */
const DEADLOCK = '40P01';
const SERIALIZATION_FAILURE = '40001';
/** Attempts of one change when PostgreSQL aborts it for a deadlock. Default 4. */
const MAX_ATTEMPTS = 4;

export class ChangeRunner {
  /**
   * @param _formerPublisher ignored. Publishing here after commit could hand a listener a
   * cursor before an earlier-committed one from another process; call sites that still pass
   * a bus compile and lose nothing (the relay delivers their events).
   */
  constructor(
    private readonly dataSource: DataSource,
    _formerPublisher?: unknown,
  ) {}

  /**
   * Runs `work` in a transaction. A deadlock or serialization failure (PostgreSQL aborted
   * the whole transaction, so nothing of it happened) is retried, up to `MAX_ATTEMPTS`
   * times: `work` must only touch the database.
   */
  async run<T>(actor: Actor, work: (tx: ChangeTransaction) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.dataSource.transaction(async (manager) => work(new ChangeTransaction(manager, actor)));
      } catch (error: unknown) {
        const code = (error as { code?: unknown; driverError?: { code?: unknown } }).code ?? (error as { driverError?: { code?: unknown } }).driverError?.code;
        if (attempt >= MAX_ATTEMPTS || (code !== DEADLOCK && code !== SERIALIZATION_FAILURE)) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
      }
    }
  }
}
