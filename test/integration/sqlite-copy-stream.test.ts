// COPY FROM STDIN on a SQLite tenant is parsed and inserted a block (~1 MiB) at a time: a large COPY works with
// rows, quoted CSV newlines and multi-byte characters cut across block and CopyData boundaries, and stays all or
// nothing when a row after several inserted blocks is bad.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProxy, type RunningProxy } from '../helpers/start-proxy.js';

let proxy: RunningProxy;
let client: pg.Client;

beforeAll(async () => {
  proxy = await startProxy({ database: 'sqlite_copy_stream', sqlite: true });
  client = new pg.Client(proxy.url('alice'));
  await client.connect();
  await client.query('create table items (id integer primary key, label text, price numeric(10,2))');
});

afterAll(async () => {
  await client?.end();
  await proxy?.stop();
});

/** Sends `text` in pieces of `piece` bytes (so CopyData boundaries fall inside rows and characters). */
async function copy(sql: string, text: string, piece = 7919): Promise<void> {
  const bytes = Buffer.from(text, 'utf8');
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += piece) chunks.push(bytes.subarray(i, i + piece));
  await pipeline(Readable.from(chunks), client.query(copyFrom(sql)));
}

describe('COPY FROM STDIN in blocks on a SQLite tenant', () => {
  it('loads 200,000 text rows (several blocks) exactly', async () => {
    const rows = Array.from({ length: 200_000 }, (_, i) => `${i + 1}\tlabel é ${i}\t${(i % 1000) + 0.5}`).join('\n') + '\n';
    expect(Buffer.byteLength(rows)).toBeGreaterThan(3 << 20);
    await copy('copy items from stdin', rows);
    const r = await client.query('select count(*) as n, sum(price) as s, max(label) as m from items');
    expect(r.rows[0]).toEqual({ n: '200000', s: '100000000.00', m: 'label é 99999' });
    const one = await client.query('select label, price from items where id = 123457');
    expect(one.rows).toEqual([{ label: 'label é 123456', price: '456.50' }]);
  });

  it('keeps CSV quoted fields with newlines and quotes whole across blocks, header skipped once', async () => {
    await client.query('delete from items');
    const body = Array.from({ length: 60_000 }, (_, i) => `${i + 1},"multi\nline ""${i}"", ✓",${i}.25`).join('\n');
    await copy('copy items from stdin with (format csv, header true)', 'id,label,price\n' + body, 4099);
    const r = await client.query('select count(*) as n from items');
    expect(r.rows[0].n).toBe('60000');
    const one = await client.query('select label from items where id = 45678');
    expect(one.rows[0].label).toBe('multi\nline "45677", ✓');
  });

  it('rolls back every block when a later row is bad, and the session goes on', async () => {
    await client.query('delete from items');
    const good = Array.from({ length: 150_000 }, (_, i) => `${i + 1}\tx\t1`).join('\n');
    await expect(copy('copy items from stdin', good + '\n150001\tbad\tnot-a-number\n')).rejects.toMatchObject({ code: '22P02' });
    expect((await client.query('select count(*) as n from items')).rows[0].n).toBe('0');
    expect((await client.query('select 1 as ok')).rows).toEqual([{ ok: 1 }]);
  });
});
