// MERGE through the tenant rules against a real Postgres (and the pgfabric.tenant_id setting every statement runs with): the target's predicate goes into ON (other
// tenants' rows never match, so are never updated or deleted), the source is filtered, and inserted
// rows get the session tenant's id.
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TENANTS, startProxy, type RunningProxy } from '../helpers/start-proxy.js';
import { closeAll, connectPg, direct } from './support.js';

let proxy: RunningProxy;
const open: pg.Client[] = [];

beforeAll(async () => {
  proxy = await startProxy({ database: 'tenant_merge', extra: { roles: { app: { schemas: { public: 'write' } } } } });
  await direct(proxy.backendUrl, 'create table if not exists stock (sku text, qty int, tenant_id uuid not null, primary key (tenant_id, sku))');
  await direct(proxy.backendUrl, 'create table if not exists incoming (sku text, qty int, tenant_id uuid not null)');
  await direct(proxy.backendUrl, 'truncate stock, incoming');
  for (const [tenant, id] of Object.entries(TENANTS)) {
    await direct(proxy.backendUrl, `insert into stock values ('a', 1, $1), ('b', 2, $1)`, [id]);
    await direct(proxy.backendUrl, `insert into incoming values ('a', 10, $1), ('c', 30, $1), ('${tenant}-only', 99, $1)`, [id]);
  }
});

afterAll(async () => {
  await closeAll(open);
  await proxy.stop();
});

describe('MERGE with tenant rules', () => {
  it("updates and inserts only the session tenant's rows, from its own source rows", async () => {
    const client = await connectPg(proxy.url(), {}, open);
    const r = await client.query(
      'merge into stock s using incoming i on s.sku = i.sku when matched then update set qty = s.qty + i.qty when not matched then insert (sku, qty) values (i.sku, i.qty)',
    );
    expect(r.rowCount).toBe(3); // a updated; c and acme-only inserted — globex's source rows are invisible
    const acme = await direct(proxy.backendUrl, 'select sku, qty from stock where tenant_id = $1 order by sku', [TENANTS.acme]);
    expect(acme).toEqual([{ sku: 'a', qty: 11 }, { sku: 'acme-only', qty: 99 }, { sku: 'b', qty: 2 }, { sku: 'c', qty: 30 }]);
    const globex = await direct(proxy.backendUrl, 'select sku, qty from stock where tenant_id = $1 order by sku', [TENANTS.globex]);
    expect(globex).toEqual([{ sku: 'a', qty: 1 }, { sku: 'b', qty: 2 }]);
  });

  it('refuses WHEN NOT MATCHED BY SOURCE and an UPDATE of the tenant column; the session stays usable', async () => {
    const client = await connectPg(proxy.url(), {}, open);
    await expect(client.query('merge into stock s using incoming i on s.sku = i.sku when not matched by source then delete')).rejects.toMatchObject({ code: '0A000' });
    await expect(client.query(`merge into stock s using incoming i on s.sku = i.sku when matched then update set tenant_id = '${TENANTS.globex}'`)).rejects.toMatchObject({ code: '42501' });
    expect((await client.query('select count(*)::int as n from stock')).rows).toEqual([{ n: 4 }]);
  });
});

describe('defense in depth: the tenant GUC', () => {
  it('runs every statement with pgfabric.tenant_id set to the session tenant (for RLS policies), on a shared pool', async () => {
    const [a, b] = [await connectPg(proxy.url(), {}, open), await connectPg(proxy.url('bob'), {}, open)];
    for (let i = 0; i < 5; i++) {
      const [ra, rb] = await Promise.all([
        a.query("select current_setting('pgfabric.tenant_id') as t"),
        b.query("select current_setting('pgfabric.tenant_id') as t"),
      ]);
      expect([ra.rows[0].t, rb.rows[0].t]).toEqual([TENANTS.acme, TENANTS.globex]);
    }
    await expect(a.query(`set pgfabric.tenant_id = '${TENANTS.globex}'`)).rejects.toMatchObject({ code: '42501' });
    await a.query('reset all');
    expect((await a.query("select current_setting('pgfabric.tenant_id') as t")).rows[0].t).toBe(TENANTS.acme);
  });
});
