import pg from 'pg';

export default async function globalTeardown() {
  const baseUrl = process.env.VELOCITY_TEST_BASE_URL;
  const runId = process.env.VELOCITY_TEST_RUN_ID;
  if (baseUrl && runId) {
    const admin = new pg.Client({ connectionString: baseUrl });
    await admin.connect();
    const { rows } = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`velocity_%${runId}%`]);
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    await admin.end();
  }
  const cluster = globalThis.__velocityEmbeddedPostgres;
  if (cluster) await cluster.stop();
}
