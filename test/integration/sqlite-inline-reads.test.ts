// Proven single-row lookups on a SQLite tenant are answered on the main thread (connectors/sqlite/
// inline-reader.ts): the same answers as the worker gives, and never where that would be wrong or slow —
// inside a transaction (which must see its own writes), for scans, or for a lookup that calls pg_sleep.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProxy, type RunningProxy } from '../helpers/start-proxy.js';

let proxy: RunningProxy;
let client: pg.Client;

function inlineReads(): number {
  const stats = proxy.server.connectorStats()['acme_db'];
  if (!stats) throw new Error('no stats for backend acme_db');
  return stats['inlineReads'] ?? 0;
}

beforeAll(async () => {
  proxy = await startProxy({ database: 'sqlite_inline', sqlite: true });
  client = new pg.Client(proxy.url('alice'));
  await client.connect();
  await client.query('create table accounts (id integer primary key, email text unique, balance numeric(12,2) not null, note text)');
  await client.query("insert into accounts select g, 'u' || g || '@x.io', g * 1.5, null from generate_series(1, 200) g");
});

afterAll(async () => {
  await client?.end();
  await proxy?.stop();
});

const byId = { name: 'by_id', text: 'select id, email, balance from accounts where id = $1' };

describe('inline reads on a SQLite tenant', () => {
  it('answers a repeated primary-key lookup on the main thread, with the worker’s answer', async () => {
    const first = await client.query({ ...byId, values: [7] }); // seen once: the worker answers
    const before = inlineReads();
    const again = await client.query({ ...byId, values: [7] });
    const other = await client.query({ ...byId, values: [8] });
    expect(inlineReads()).toBeGreaterThanOrEqual(before + 2);
    expect(again.rows).toEqual(first.rows);
    expect(again.fields.map((f) => f.dataTypeID)).toEqual(first.fields.map((f) => f.dataTypeID));
    expect(other.rows).toEqual([{ id: 8, email: 'u8@x.io', balance: '12.00' }]);
  });

  it('also takes a unique-index lookup, and a miss answers no rows', async () => {
    const q = { name: 'by_email', text: 'select id from accounts where email = $1' };
    await client.query({ ...q, values: ['u3@x.io'] });
    const before = inlineReads();
    expect((await client.query({ ...q, values: ['u4@x.io'] })).rows).toEqual([{ id: 4 }]);
    expect((await client.query({ ...q, values: ['nobody'] })).rows).toEqual([]);
    expect(inlineReads()).toBe(before + 2);
  });

  it('leaves scans and aggregates to the worker', async () => {
    const q = { name: 'scan', text: 'select count(*) from accounts where balance > $1' };
    for (let i = 0; i < 3; i++) await client.query({ ...q, values: ['10'] });
    const before = inlineReads();
    const r = await client.query({ ...q, values: ['10'] });
    expect(r.rows).toEqual([{ count: '194' }]);
    expect(inlineReads()).toBe(before);
  });

  it('never runs a lookup that calls pg_sleep on the main thread', async () => {
    const q = { name: 'sleepy', text: 'select id, pg_sleep(0.01) from accounts where id = $1' };
    for (let i = 0; i < 3; i++) await client.query({ ...q, values: [1] });
    const before = inlineReads();
    await client.query({ ...q, values: [1] });
    expect(inlineReads()).toBe(before);
  });

  it('inside a transaction reads on the session’s own connection, seeing its uncommitted write', async () => {
    await client.query({ ...byId, values: [9] });
    await client.query('begin');
    await client.query('update accounts set balance = 999 where id = 9');
    const before = inlineReads();
    const inTx = await client.query({ ...byId, values: [9] });
    expect(inTx.rows[0].balance).toBe('999.00');
    expect(inlineReads()).toBe(before);
    await client.query('rollback');
    const after = await client.query({ ...byId, values: [9] });
    expect(after.rows[0].balance).toBe('13.50');
  });

  it('sees another session’s committed write at once', async () => {
    await client.query({ ...byId, values: [10] });
    const other = new pg.Client(proxy.url('alice'));
    await other.connect();
    try {
      await other.query("update accounts set email = 'changed@x.io' where id = 10");
    } finally {
      await other.end();
    }
    const before = inlineReads();
    const r = await client.query({ ...byId, values: [10] });
    expect(r.rows[0].email).toBe('changed@x.io');
    expect(inlineReads()).toBe(before + 1);
  });
});
