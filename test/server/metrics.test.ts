import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../src/db/data-source';
import { ServerMetrics } from '../../src/server/metrics';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

describe('the metrics text', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = createDataSource({ url: db.url, poolSize: 2, applicationName: 'velocity-test-metrics' });
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    expect(await db.connectionsLeft()).toBe(0);
    await db.drop();
  });

  it('spells a sample without a value yet NaN, as scrapers parse it, when scraped before the first measurement', async () => {
    // A fresh registry: the event-loop lag has no measurement yet, so its mean is NaN.
    const text = await new ServerMetrics(dataSource).text();
    expect(text).toMatch(/^velocity_process_nodejs_eventloop_lag_mean_seconds NaN$/m);
    for (const line of text.split('\n').filter((l) => l !== '' && !l.startsWith('#'))) {
      expect(line).toMatch(/^[a-zA-Z_:][a-zA-Z0-9_:]*(\{.*\})? (-?[0-9.e+-]+|NaN|[+-]Inf)$/);
    }
  });
});
