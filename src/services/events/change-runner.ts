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

  async run<T>(actor: Actor, work: (tx: ChangeTransaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => work(new ChangeTransaction(manager, actor)));
  }
}
