// /metrics after a scripted workload: the per-tenant counters moved by exactly the right amounts;
// /healthz and /readyz answer.
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProxy, type RunningProxy } from '../helpers/start-proxy.js';
import { closeAll, connectPg, failure } from './support.js';

let proxy: RunningProxy;
const open: pg.Client[] = [];

beforeAll(async () => {
  proxy = await startProxy({ database: 'metrics_test', extra: { metrics: { host: '127.0.0.1', port: 0 } } });
});

afterAll(async () => {
  await closeAll(open);
  await proxy.stop();
});

async function get(path: string): Promise<{ status: number; text: string }> {
  const a = proxy.server.metricsAddress!;
  const res = await fetch(`http://${a.host}:${a.port}${path}`);
  return { status: res.status, text: await res.text() };
}

/** The value of one sample line, e.g. pgfabric_queries_total{tenant="acme",backend="main"}; 0 when absent. */
function sample(text: string, name: string, labels: Record<string, string>): number {
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(name + '{')) continue;
    const inside = line.slice(name.length + 1, line.indexOf('}'));
    const parts = inside.split(',');
    if (want.every((w) => parts.includes(w))) return Number(line.slice(line.indexOf('}') + 1));
  }
  return 0;
}

describe('metrics endpoint', () => {
  it('counts queries, transactions, refusals and errors per tenant', async () => {
    const before = (await get('/metrics')).text;
    const alice = await connectPg(proxy.url(), {}, open);
    const bob = await connectPg(proxy.url('bob'), {}, open);
    for (let i = 0; i < 10; i++) await alice.query('select $1::int as i', [i]);
    await alice.query('begin');
    await alice.query('select 1');
    await alice.query('commit');
    expect((await failure(alice.query('do $$ begin end $$'))).code).toBe('42501');
    for (let i = 0; i < 5; i++) await bob.query('select 1');
    expect((await failure(bob.query('select 1/0'))).code).toBe('22012');
    const after = (await get('/metrics')).text;
    const delta = (name: string, labels: Record<string, string>) => sample(after, name, labels) - sample(before, name, labels);
    const acme = { tenant: 'acme', backend: 'main' };
    const globex = { tenant: 'globex', backend: 'main' };
    expect(delta('pgfabric_queries_total', acme)).toBe(14); // 10 Execute + begin, select, commit (Query) + the refused Query
    expect(delta('pgfabric_transactions_total', acme)).toBe(12); // 10 extended cycles, the committed transaction, the refused statement's cycle
    expect(delta('pgfabric_queries_total', globex)).toBe(6);
    expect(delta('pgfabric_refusals_total', { tenant: 'acme', rule: 'statement_allow_list' })).toBe(1);
    expect(delta('pgfabric_errors_total', { tenant: 'acme', class: '42' })).toBe(1);
    expect(delta('pgfabric_errors_total', { tenant: 'globex', class: '22' })).toBe(1);
    expect(delta('pgfabric_query_duration_seconds_count', acme)).toBe(14); // every request cycle: 10 + begin/select/commit + the refused one
    expect(delta('pgfabric_client_bytes_received_total', { tenant: 'acme' })).toBeGreaterThan(0);
    expect(sample(after, 'pgfabric_client_connections', { tenant: 'acme', state: 'idle' })).toBe(1);
    expect(sample(after, 'pgfabric_pool_connections', { backend: 'main', state: 'total' })).toBeGreaterThan(0);
    expect(after).toMatch(/^pgfabric_rewrite_cache_hits_total \d+/m);
    expect(after).toMatch(/^pgfabric_rewrite_duration_seconds_count \d+/m);
    expect(after).not.toContain('select'); // never SQL text in labels
  });

  it('answers /healthz and /readyz', async () => {
    expect(await get('/healthz')).toEqual({ status: 200, text: 'ok\n' });
    const ready = await get('/readyz');
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.text)).toEqual({ ready: true, problems: [] });
    expect((await get('/nope')).status).toBe(404);
  });
});

describe('pool wait histogram', () => {
  it('observes a checkout that had to wait for the only server connection', async () => {
    const small = await startProxy({ database: 'metrics_wait', poolMax: 1, extra: { metrics: { host: '127.0.0.1', port: 0 } } });
    try {
      const a = await connectPg(small.url(), {}, open);
      const b = await connectPg(small.url('bob'), {}, open);
      await a.query('begin');
      await a.query('select 1');
      const waiting = b.query('select 2');
      await new Promise((r) => setTimeout(r, 100));
      await a.query('commit');
      await waiting;
      const m = small.server.metricsAddress!;
      const text = await (await fetch(`http://${m.host}:${m.port}/metrics`)).text();
      expect(sample(text, 'pgfabric_pool_wait_seconds_count', { tenant: 'globex', backend: 'main' })).toBe(1);
      expect(sample(text, 'pgfabric_pool_wait_seconds_sum', { tenant: 'globex', backend: 'main' })).toBeGreaterThan(0);
    } finally {
      await small.stop();
    }
  });
});
