// COPY through the tenant rules against a real Postgres: COPY … FROM STDIN gets the tenant id filled in
// the row stream (text and CSV), a row naming another tenant aborts the COPY and the session stays
// usable, and COPY … TO only ever shows the session tenant's rows.
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TENANTS, startProxy, type RunningProxy } from '../helpers/start-proxy.js';
import { closeAll, connectPg, direct } from './support.js';

let proxy: RunningProxy;
const open: pg.Client[] = [];

beforeAll(async () => {
  proxy = await startProxy({ database: 'tenant_copy', extra: { tenantColumn: 'tenant_id', roles: { app: { schemas: { public: 'write' } } } } });
  await direct(proxy.backendUrl, 'create table if not exists items (id int, name text, tenant_id uuid not null)');
  await direct(proxy.backendUrl, 'truncate items');
  await direct(proxy.backendUrl, `insert into items select g, 'globex-' || g, '${TENANTS.globex}' from generate_series(1, 50) g`);
});

afterAll(async () => {
  await closeAll(open);
  await proxy.stop();
});

async function copyIn(client: pg.Client, sql: string, data: string, chunk = 7): Promise<void> {
  const parts: string[] = [];
  for (let i = 0; i < data.length; i += chunk) parts.push(data.slice(i, i + chunk));
  await pipeline(Readable.from(parts), client.query(copyFrom(sql)));
}

async function copyOut(client: pg.Client, sql: string): Promise<string> {
  const chunks: Buffer[] = [];
  await pipeline(client.query(copyTo(sql)), new Writable({ write(c: Buffer, _e, cb) { chunks.push(c); cb(); } }));
  return Buffer.concat(chunks).toString();
}

describe('COPY with tenant rules', () => {
  it('fills the tenant column of 2,000 CSV rows (quoted newlines, split CopyData) and of text rows', async () => {
    const client = await connectPg(proxy.url(), {}, open);
    const csv = Array.from({ length: 2000 }, (_, i) => `${i},"acme ""${i}""\nsecond line, comma"`).join('\n') + '\n';
    await copyIn(client, 'copy items (id, name) from stdin with (format csv)', csv);
    await copyIn(client, 'copy items (id, name) from stdin', '5000\ttext-a\n5001\ttext-b');
    const rows = await direct<{ tenant_id: string; n: number }>(proxy.backendUrl, "select tenant_id, count(*)::int as n from items where name like 'acme%' or name like 'text-%' group by tenant_id");
    expect(rows).toEqual([{ tenant_id: TENANTS.acme, n: 2002 }]);
    const sample = await direct<{ name: string }>(proxy.backendUrl, 'select name from items where id = 7 and tenant_id = $1', [TENANTS.acme]);
    expect(sample[0]!.name).toBe('acme "7"\nsecond line, comma');
  });

  it("refuses a row carrying another tenant's id: nothing is inserted and the session stays usable", async () => {
    const client = await connectPg(proxy.url(), {}, open);
    const before = await direct<{ n: number }>(proxy.backendUrl, 'select count(*)::int as n from items');
    const data = `9001\tok\t${TENANTS.acme}\n9002\tsneaky\t${TENANTS.globex}\n`;
    await expect(copyIn(client, 'copy items from stdin', data)).rejects.toThrow(/tenant column/);
    expect(await direct(proxy.backendUrl, 'select count(*)::int as n from items')).toEqual(before);
    expect((await client.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
  });

  it('COPY … TO STDOUT shows only the session tenant rows', async () => {
    const client = await connectPg(proxy.url(), {}, open);
    const out = await copyOut(client, 'copy items (id, tenant_id) to stdout');
    const tenants = new Set(out.trim().split('\n').map((line) => line.split('\t')[1]));
    expect([...tenants]).toEqual([TENANTS.acme]);
    const bob = await connectPg(proxy.url('bob'), {}, open);
    const globex = await copyOut(bob, 'copy items to stdout');
    expect(globex.trim().split('\n')).toHaveLength(50);
  });

  it('refuses binary COPY into a tenant-scoped table with 0A000', async () => {
    const client = await connectPg(proxy.url(), {}, open);
    await expect(copyIn(client, 'copy items from stdin (format binary)', '')).rejects.toMatchObject({ code: '0A000' });
    expect((await client.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
  });
});
