import type { DataSource } from 'typeorm';
import type { Actor } from '../common/actor';
import { ChangeTransaction } from './change-transaction';
import type { EventPublisher } from './event-bus';

/** Runs a state change in one transaction and publishes its events only after it committed. */
export class ChangeRunner {
  constructor(
    private readonly dataSource: DataSource,
    private readonly publisher: EventPublisher,
  ) {}

  async run<T>(actor: Actor, work: (tx: ChangeTransaction) => Promise<T>): Promise<T> {
    let transaction: ChangeTransaction | undefined;
    const result = await this.dataSource.transaction(async (manager) => {
      transaction = new ChangeTransaction(manager, actor);
      return work(transaction);
    });
    if (transaction !== undefined && transaction.events.length > 0) this.publisher.publish(transaction.events);
    return result;
  }
}
