// Property: for random SELECTs over the tenant test schema (corpus/select-generator.ts: joins of every
// kind, WHERE on non-tenant columns, subqueries, aggregates, set operations, CTEs, literals or $n
// parameters), the result through pgfabric as alice equals the same query run directly with acme's
// filter written by hand — column names, type OIDs and rows, ordered by every column. The seed is fixed
// and printed; PGFABRIC_PROPERTY_SEED replays another one, PGFABRIC_PROPERTY_COUNT changes the count.
import { isDeepStrictEqual } from 'node:util';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningProxy } from '../helpers/start-proxy.js';
import { generateSelect, seededRandom, type GeneratedQuery } from './corpus/select-generator.js';
import { connectPg } from './support.js';
import { runStep, type PgError, type ResultSet } from './tenant-case-runner.js';
import { ACME, startTenantProxy } from './tenant-fixture.js';

/** Flip to true when the rewrite engine is wired into src/sessions (or run with PGFABRIC_TENANT_TESTS=force). */
const ENGINE_WIRED = true;
const RUN = ENGINE_WIRED || process.env['PGFABRIC_TENANT_TESTS'] === 'force';
if (!RUN) console.log('tenant-property.test.ts skipped: tenant rules not wired yet');

const DEFAULT_SEED = 20_261_202;
const SEED = Number(process.env['PGFABRIC_PROPERTY_SEED'] ?? DEFAULT_SEED);
const COUNT = Number(process.env['PGFABRIC_PROPERTY_COUNT'] ?? 250);
const MIN_COUNT = 200;

function generate(): GeneratedQuery[] {
  const rnd = seededRandom(SEED);
  return Array.from({ length: COUNT }, () => generateSelect(rnd, ACME));
}
const QUERIES = generate();

let proxy: RunningProxy;
let alice: pg.Client;
let direct: pg.Client;

type Answer = { fields: string[]; types: number[]; rows: unknown[][] } | { error: string };

async function answer(client: pg.Client, text: string, params: readonly unknown[]): Promise<Answer> {
  try {
    const [result] = (await runStep(client, { text, values: params, extended: true })).results as [ResultSet];
    return { fields: result.fields, types: result.types, rows: result.rows };
  } catch (err) {
    const e = err as PgError;
    return { error: `${e.code ?? 'no code'} ${e.message}` };
  }
}

const replay = (i: number) => `query #${i} of seed ${SEED} (replay: PGFABRIC_PROPERTY_SEED=${SEED})`;

describe.skipIf(!RUN)('tenant isolation: random SELECTs through the proxy equal hand-filtered ones', () => {
  beforeAll(async () => {
    console.log(`tenant-property: seed ${SEED}, ${COUNT} queries (replay with PGFABRIC_PROPERTY_SEED=${SEED})`);
    proxy = await startTenantProxy('it_tenant_property');
    alice = await connectPg(proxy.url('alice'));
    direct = await connectPg(proxy.backendUrl);
  });
  afterAll(async () => {
    await alice?.end();
    await direct?.end();
    await proxy?.stop();
  });

  it(`generates at least ${MIN_COUNT} queries, all valid SQL when run directly`, async () => {
    expect(QUERIES.length).toBeGreaterThanOrEqual(MIN_COUNT);
    const invalid: string[] = [];
    for (const [i, q] of QUERIES.entries()) {
      const a = await answer(direct, q.direct, q.params);
      if ('error' in a) invalid.push(`#${i}: ${a.error}\n  ${q.direct}`);
    }
    expect(invalid.join('\n')).toBe('');
  });

  // Without the filter, most queries would see globex rows: the property can fail.
  it('the hand-written filter changes the answer of most queries', async () => {
    let differing = 0;
    for (const q of QUERIES) {
      if (!isDeepStrictEqual(await answer(direct, q.proxy, q.params), await answer(direct, q.direct, q.params))) differing++;
    }
    console.log(`tenant-property: ${differing} of ${QUERIES.length} queries answer differently without acme's filter`);
    expect(differing).toBeGreaterThanOrEqual(QUERIES.length * 0.5);
  });

  for (const [i, q] of QUERIES.entries()) {
    it(`#${i} ${q.shape}`, async () => {
      const expected = await answer(direct, q.direct, q.params);
      const through = await answer(alice, q.proxy, q.params);
      expect(through, `${replay(i)}\nproxy:  ${q.proxy}\ndirect: ${q.direct}\nparams: ${JSON.stringify(q.params)}`).toEqual(expected);
    });
  }
});
