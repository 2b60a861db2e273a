import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgUnavailableReason, startPgCluster, type PgCluster } from './pg-cluster';

const skip = pgUnavailableReason();

describe.skipIf(skip !== null)('throwaway PostgreSQL cluster fixture', () => {
  let cluster: PgCluster;
  beforeAll(async () => {
    cluster = await startPgCluster();
  }, 60_000);
  afterAll(async () => {
    await cluster?.destroy();
  });

  it('accepts the superuser over TCP with its password and refuses a wrong one', async () => {
    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    const { rows } = await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v");
    expect(rows[0]!.v).toMatch(/^\d+/);
    await client.end();
    const bad = new pg.Client({ connectionString: cluster.urlFor('postgres', 'wrong') });
    await expect(bad.connect()).rejects.toThrow(/password authentication failed/);
  });
});
