// With a small per-connection cap, shared statements are closed on the server (least recently used
// first) and transparently re-prepared when a client uses them again.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProxy, type RunningProxy } from '../helpers/start-proxy.js';

describe('prepared statement cap per server connection', () => {
  let proxy: RunningProxy;
  beforeAll(async () => {
    proxy = await startProxy({ database: 'evict_test', poolMax: 1, maxPreparedStatements: 5 });
  });
  afterAll(async () => {
    await proxy.stop();
  });

  it('keeps at most the cap prepared on the backend, and every statement keeps working', async () => {
    const client = new pg.Client({ connectionString: proxy.url() });
    await client.connect();
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 12; i++) {
        const { rows } = await client.query({ name: `s${i}`, text: `select $1::int + ${i} as v`, values: [round] });
        expect(rows[0].v).toBe(round + i);
      }
    }
    const { rows } = await client.query("select count(*)::int as n from pg_prepared_statements where name like 'pgf_%'");
    expect(rows[0].n).toBeLessThanOrEqual(5);
    expect(rows[0].n).toBeGreaterThan(0);
    await client.end();
  });
});
