// Per-tenant limits under real clients: max clients (53300), statement rate (53400, session usable),
// default statement_timeout, idle and idle-in-transaction timeouts, and a server-connection share that
// holds a tenant's extra transactions back while another tenant on the same pool is still served.
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TENANTS, USERS, startProxy, type RunningProxy } from '../helpers/start-proxy.js';
import { closeAll, connectPg, failure, waitFor } from './support.js';

let proxy: RunningProxy;
const open: pg.Client[] = [];

beforeAll(async () => {
  proxy = await startProxy({
    database: 'tenant_limits',
    poolMax: 4,
    extra: {
      tenants: {
        acme: { id: TENANTS.acme, backend: 'main', limits: { maxClients: 5, statementTimeoutMs: 300 } },
        globex: { id: TENANTS.globex, backend: 'main', limits: { statementsPerSecond: 2, maxServerConnections: 1 } },
        initech: { id: '33333333-3333-3333-3333-333333333333', backend: 'main', limits: { idleTimeoutMs: 400, idleInTransactionTimeoutMs: 400 } },
      },
      users: [
        { name: 'alice', password: USERS.alice.password, role: 'app', tenants: ['acme', 'initech'] },
        { name: 'bob', password: USERS.bob.password, role: 'app', tenants: ['globex'] },
      ],
    },
  });
});

afterAll(async () => {
  await closeAll(open);
  await proxy.stop();
});

/** Resolves with the error a client reports when the server ends its connection. */
function ended(client: pg.Client): Promise<Error & { code?: string }> {
  return new Promise((resolve) => client.once('error', (err) => resolve(err as Error & { code?: string })));
}

describe('per-tenant limits', () => {
  it('refuses a client over maxClients with 53300, and admits one again when another leaves', async () => {
    const clients: pg.Client[] = [];
    for (let i = 0; i < 5; i++) clients.push(await connectPg(proxy.url()));
    const over = await failure(connectPg(proxy.url()));
    expect(over.code).toBe('53300');
    await clients.pop()!.end();
    await waitFor(async () => (await connectPg(proxy.url(), {}, clients).then(() => true, () => false)), 'a client admitted again');
    await closeAll(clients);
  });

  it('applies statement_timeout by default; a client SET overrides it', async () => {
    const client = await connectPg(proxy.url(), {}, open);
    expect((await client.query('show statement_timeout')).rows[0].statement_timeout).toBe('300ms');
    expect((await failure(client.query('select pg_sleep(3)'))).code).toBe('57014');
    await client.query('set statement_timeout = 0');
    expect((await client.query('select pg_sleep(0.5), 1 as done')).rows[0].done).toBe(1);
  });

  it('limits statements per second with 53400 and keeps the session usable; another tenant is not limited', async () => {
    const bob = await connectPg(proxy.url('bob'), {}, open);
    const alice = await connectPg(proxy.url(), {}, open);
    const codes: string[] = [];
    for (let i = 0; i < 12; i++) codes.push(await bob.query('select 1').then(() => 'ok', (e: { code: string }) => e.code));
    expect(codes).toContain('53400');
    expect(codes.filter((c) => c === 'ok').length).toBeGreaterThanOrEqual(2);
    for (let i = 0; i < 12; i++) await alice.query('select 1');
    await waitFor(async () => (await bob.query('select 2 as two').then(() => true, () => false)), 'bob served again after the bucket refills');
  });

  it("holds a tenant's second transaction until its first ends (maxServerConnections 1), while another tenant is served", async () => {
    const first = await connectPg(proxy.url('bob'), {}, open);
    const second = await connectPg(proxy.url('bob'), {}, open);
    const other = await connectPg(proxy.url(), {}, open);
    await new Promise((r) => setTimeout(r, 1100)); // a full token bucket for bob (2 statements per second)
    await first.query('begin');
    const order: string[] = [];
    const secondDone = second.query('select 2').then(() => order.push('second'));
    await other.query('select 3').then(() => order.push('other tenant'));
    await new Promise((r) => setTimeout(r, 600));
    await first.query('commit').then(() => order.push('first commit'));
    await secondDone;
    expect(order).toEqual(['other tenant', 'first commit', 'second']);
  });

  it('ends an idle session (57P05) and an idle transaction (25P03)', async () => {
    const idle = await connectPg(proxy.url('alice', undefined, 'initech'));
    const idleEnd = ended(idle);
    expect((await idleEnd).message).toMatch(/idle-session timeout/);
    const inTx = await connectPg(proxy.url('alice', undefined, 'initech'));
    await inTx.query('begin');
    const txEnd = ended(inTx);
    expect((await txEnd).message).toMatch(/idle-in-transaction timeout/);
  });
});
