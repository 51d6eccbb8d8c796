// Query cancellation (raw CancelRequest with pg's BackendKeyData, postgres.js's query.cancel()) and
// LISTEN/NOTIFY (the listener pinned to its server connection while others share a small pool).
import type pg from 'pg';
import postgres from 'postgres';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startProxy, type RunningProxy } from '../helpers/start-proxy.js';
import { closeAll, connectPg, direct, failure, sendCancel, waitFor, waitForBackendActivity } from './support.js';

let proxy: RunningProxy;
const open: pg.Client[] = [];
afterEach(() => closeAll(open));

beforeAll(async () => {
  proxy = await startProxy({ database: 'it_cancel_notify', poolMax: 2 });
  await direct(proxy.backendUrl, 'create table t (id int)');
});
afterAll(() => proxy.stop());

type Keyed = { processID: number; secretKey: number };
const keyOf = (client: pg.Client) => client as unknown as Keyed;

describe('cancel', () => {
  it('cancels pg_sleep(30) with a CancelRequest carrying the BackendKeyData pgfabric announced (57014)', async () => {
    const client = await connectPg(proxy.url(), {}, open);
    const { processID, secretKey } = keyOf(client);
    expect(processID).toBeGreaterThan(0);
    const sleeping = failure(client.query('select pg_sleep(30) /* cancel-me-1 */'));
    await waitForBackendActivity(proxy.backendUrl, '%cancel-me-1%');
    await sendCancel(proxy.host, proxy.port, processID, secretKey);
    const err = await sleeping;
    expect(err.code).toBe('57014');
    expect((await client.query('select 1 as ok')).rows).toEqual([{ ok: 1 }]);
  });

  it('ignores a CancelRequest with the wrong secret key', async () => {
    // Both clients wait on an advisory lock held outside the proxy: no timing involved.
    const holder = await connectPg(proxy.backendUrl, {}, open);
    await holder.query('select pg_advisory_lock(4242)');
    const client = await connectPg(proxy.url(), {}, open);
    const witness = await connectPg(proxy.url('bob'), {}, open);
    const waiting = client.query("select pg_advisory_lock(4242), 'finished' as s /* cancel-me-2 */");
    const witnessWaiting = failure(witness.query('select pg_advisory_lock(4242) /* witness-2 */'));
    await waitForBackendActivity(proxy.backendUrl, '%cancel-me-2%');
    await waitForBackendActivity(proxy.backendUrl, '%witness-2%');
    const { processID, secretKey } = keyOf(client);
    await sendCancel(proxy.host, proxy.port, processID, (secretKey + 1) | 0);
    await sendCancel(proxy.host, proxy.port, processID + 1000, secretKey);
    // A valid cancel sent after the bad ones has taken effect, so the bad ones had their chance.
    await sendCancel(proxy.host, proxy.port, keyOf(witness).processID, keyOf(witness).secretKey);
    expect((await witnessWaiting).code).toBe('57014');
    await holder.query('select pg_advisory_unlock(4242)');
    expect((await waiting).rows[0].s).toBe('finished');
    await client.query('select pg_advisory_unlock(4242)');
  });

  it('cancels only the targeted client, and inside a transaction leaves it aborted (25P02) until ROLLBACK', async () => {
    const a = await connectPg(proxy.url(), {}, open);
    const b = await connectPg(proxy.url('bob'), {}, open);
    await a.query('begin');
    await a.query('insert into t values (1)');
    const aSleep = failure(a.query('select pg_sleep(30) /* cancel-me-3 */'));
    const bSleep = b.query("select pg_sleep(0.3), 'b done' as s /* not-me-3 */");
    await waitForBackendActivity(proxy.backendUrl, '%cancel-me-3%');
    await sendCancel(proxy.host, proxy.port, keyOf(a).processID, keyOf(a).secretKey);
    expect((await aSleep).code).toBe('57014');
    expect((await bSleep).rows[0].s).toBe('b done');
    expect((await failure(a.query('select 1'))).code).toBe('25P02');
    await a.query('rollback');
    expect(await direct(proxy.backendUrl, 'select * from t')).toEqual([]);
    expect((await a.query('select 2 as ok')).rows).toEqual([{ ok: 2 }]);
  });

  it('an idle client’s cancel does nothing and its session keeps working', async () => {
    const a = await connectPg(proxy.url(), {}, open);
    await sendCancel(proxy.host, proxy.port, keyOf(a).processID, keyOf(a).secretKey);
    expect((await a.query('select 3 as ok')).rows).toEqual([{ ok: 3 }]);
  });

  it("cancels with postgres.js's query.cancel()", async () => {
    const sql = postgres(proxy.url(), { max: 1, onnotice: () => undefined });
    try {
      const query = sql`select pg_sleep(30) /* cancel-me-4 */`;
      const outcome = failure(query.execute());
      await waitForBackendActivity(proxy.backendUrl, '%cancel-me-4%');
      query.cancel();
      expect((await outcome).code).toBe('57014');
      expect((await sql`select 4 as ok`)[0]?.ok).toBe(4);
    } finally {
      await sql.end({ timeout: 1 });
    }
  });
});

describe('LISTEN/NOTIFY', () => {
  function collect(client: pg.Client): { channel: string; payload: string }[] {
    const got: { channel: string; payload: string }[] = [];
    client.on('notification', (n) => got.push({ channel: n.channel, payload: n.payload ?? '' }));
    return got;
  }

  it('delivers NOTIFYs sent through the proxy and directly, in order, and only committed ones, of its own tenant only', async () => {
    const listener = await connectPg(proxy.url(), {}, open);
    const got = collect(listener);
    await listener.query('listen jobs');
    const sender = await connectPg(proxy.url('alice'), {}, open);
    const otherTenant = await connectPg(proxy.url('bob'), {}, open);
    await sender.query("notify jobs, 'via-proxy-1'");
    await otherTenant.query("notify jobs, 'globex-must-not-arrive'");
    await sender.query("notify jobs, 'via-proxy-2'");
    // Channels are namespaced per tenant on the backend ("acme:jobs"); the client sees "jobs".
    await direct(proxy.backendUrl, `notify "acme:jobs", 'direct-3'`);
    await direct(proxy.backendUrl, "notify jobs, 'unprefixed-must-not-arrive'");
    await sender.query('begin');
    await sender.query("notify jobs, 'rolled-back'");
    await sender.query('rollback');
    await sender.query('begin');
    await sender.query("notify jobs, 'committed-4'");
    await sender.query('commit');
    await waitFor(() => got.length >= 4, 'four notifications');
    // A round trip on the listener's connection flushes anything still on the way.
    await listener.query('select 1');
    expect(got).toEqual(['via-proxy-1', 'via-proxy-2', 'direct-3', 'committed-4'].map((payload) => ({ channel: 'jobs', payload })));
  });

  it('keeps LISTEN working (pinned) while other clients run many transactions on the rest of a pool of 2', async () => {
    const listener = await connectPg(proxy.url(), {}, open);
    const got = collect(listener);
    await listener.query('listen busy');
    const workers = await Promise.all(Array.from({ length: 4 }, (_, i) => connectPg(proxy.url(i % 2 ? 'bob' : 'alice'), {}, open)));
    const perWorker = 25;
    // Workers of both tenants share the pool; only acme's (even i) notifications reach the acme listener.
    await Promise.all(
      workers.map(async (w, i) => {
        for (let j = 0; j < perWorker; j++) {
          await w.query('begin');
          await w.query('insert into t values ($1)', [i * 1000 + j]);
          // Nobody but the listener has a LISTEN on its server connection.
          expect((await w.query('select count(*)::int as n from pg_listening_channels()')).rows).toEqual([{ n: 0 }]);
          await w.query(`notify busy, '${i}:${j}'`);
          await w.query('commit');
        }
      }),
    );
    // The listener also runs queries between notifications, on its own connection.
    expect((await listener.query('select array_agg(c) as chans from pg_listening_channels() c')).rows).toEqual([{ chans: ['acme:busy'] }]);
    await waitFor(() => got.length >= 2 * perWorker, 'all notifications');
    await listener.query('select 1');
    expect(got.length).toBe(2 * perWorker);
    for (let i = 0; i < 4; i++) {
      // Each worker's notifications arrive in its commit order; the other tenant's never.
      const mine = got.filter((n) => n.payload.startsWith(`${i}:`)).map((n) => Number(n.payload.split(':')[1]));
      expect(mine).toEqual(i % 2 === 0 ? Array.from({ length: perWorker }, (_, j) => j) : []);
    }
    await direct(proxy.backendUrl, 'delete from t');
  });

  it('gives the pinned connection back when the listener leaves: two transactions at once fit again', async () => {
    const listener = await connectPg(proxy.url(), {}, open);
    await listener.query('listen leaving');
    await listener.end();
    const a = await connectPg(proxy.url(), {}, open);
    const b = await connectPg(proxy.url('bob'), {}, open);
    await a.query('begin');
    await b.query('begin');
    const [ra, rb] = await Promise.all([
      a.query('select count(*)::int as n from pg_listening_channels()'),
      b.query('select count(*)::int as n from pg_listening_channels()'),
    ]);
    expect([ra.rows[0].n, rb.rows[0].n]).toEqual([0, 0]);
    await a.query('commit');
    await b.query('commit');
  });

  it("delivers to postgres.js's sql.listen through the proxy", async () => {
    const sql = postgres(proxy.url('bob'), { max: 1, onnotice: () => undefined });
    try {
      const got: string[] = [];
      await sql.listen('js_channel', (payload) => got.push(payload));
      const sender = await connectPg(proxy.url('bob'), {}, open);
      for (let i = 0; i < 5; i++) await sender.query(`notify js_channel, 'js-${i}'`);
      await waitFor(() => got.length >= 5, 'postgres.js notifications');
      expect(got).toEqual(['js-0', 'js-1', 'js-2', 'js-3', 'js-4']);
    } finally {
      await sql.end({ timeout: 1 });
    }
  });
});
