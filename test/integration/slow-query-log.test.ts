// The slow-query log: statements slower than limits.slowQueryMs are logged with tenant, user, duration,
// fingerprint and the literal-free text — never the literals or the bound parameters.
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProxy, type RunningProxy } from '../helpers/start-proxy.js';
import { closeAll, connectPg } from './support.js';

let proxy: RunningProxy;
const open: pg.Client[] = [];
const lines: Record<string, unknown>[] = [];

beforeAll(async () => {
  proxy = await startProxy({ database: 'slow_query_log', logLines: lines, extra: { limits: { slowQueryMs: 150 } } });
});

afterAll(async () => {
  await closeAll(open);
  await proxy.stop();
});

describe('slow-query log', () => {
  it('logs a slow statement without its literals or parameters, and not the fast ones', async () => {
    const client = await connectPg(proxy.url(), {}, open);
    await client.query("select 'fast-literal' as x");
    await client.query("select pg_sleep(0.3), 'secret-literal' as x, $1::text as p", ['secret-param']);
    const slow = lines.filter((l) => l['slowQuery'] === true);
    expect(slow).toHaveLength(1);
    const entry = slow[0]!;
    expect(entry).toMatchObject({ tenant: 'acme', user: 'alice', msg: 'slow query' });
    expect(entry['durationMs']).toBeGreaterThanOrEqual(150);
    expect(String(entry['fingerprint'])).toMatch(/^[0-9a-f]{16}$/);
    expect(entry['statement']).toBe('select pg_sleep($2), $3 as x, $1::text as p');
    expect(JSON.stringify(lines)).not.toMatch(/secret-literal|secret-param|fast-literal/);
  });
});
