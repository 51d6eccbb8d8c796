// The smallest end-to-end check: node-postgres through pgfabric to a real Postgres and back.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProxy, type RunningProxy } from '../helpers/start-proxy.js';

describe('smoke: pg through pgfabric', () => {
  let proxy: RunningProxy;
  beforeAll(async () => {
    proxy = await startProxy({ database: 'smoke_test' });
  });
  afterAll(async () => {
    await proxy.stop();
  });

  it('runs simple and extended queries', async () => {
    const client = new pg.Client({ connectionString: proxy.url() });
    await client.connect();
    const simple = await client.query('select 1 + 1 as two');
    expect(simple.rows).toEqual([{ two: 2 }]);
    const extended = await client.query('select $1::int * 3 as n, current_database() as db', [7]);
    expect(extended.rows).toEqual([{ n: 21, db: 'smoke_test' }]);
    const prepared = await client.query({ name: 'triple', text: 'select $1::int * 3 as n', values: [5] });
    expect(prepared.rows).toEqual([{ n: 15 }]);
    await client.end();
  });
});
