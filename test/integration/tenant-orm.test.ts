// The honest ORM corpus (corpus/orm.ts) through pgfabric as alice (tenant acme): every statement must
// succeed and return what the same statement with acme's filter written by hand returns on a direct
// connection — command tags, row counts, column names, type OIDs and rows. Writing cases run on the
// seeded data on each side (identity sequences restarted), and the acme data they leave must match
// too, while globex's rows and the shared tables stay as seeded.
import { isDeepStrictEqual } from 'node:util';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningProxy } from '../helpers/start-proxy.js';
import { ORM_CORPUS, type OrmCase } from './corpus/orm.js';
import { connectPg } from './support.js';
import { runStep, type PgError, type ResultSet, type Step } from './tenant-case-runner.js';
import { ACME, resetTenantData, snapshotOther, snapshotTenant, startTenantProxy } from './tenant-fixture.js';

/** Flip to true when the rewrite engine is wired into src/sessions (or run with PGFABRIC_TENANT_TESTS=force). */
const ENGINE_WIRED = true;
const RUN = ENGINE_WIRED || process.env['PGFABRIC_TENANT_TESTS'] === 'force';
if (!RUN) console.log('tenant-orm.test.ts skipped: tenant rules not wired yet');

const MIN_CORPUS = 65;

let proxy: RunningProxy;
let direct: pg.Client;
let otherSeeded: Record<string, string>;

type Side = 'proxy' | 'direct';

/** Runs the case's steps on one side; throws with the side, step and SQLSTATE on the first error. */
async function runCase(client: pg.Client, c: OrmCase, side: Side): Promise<ResultSet[]> {
  const results: ResultSet[] = [];
  for (const [i, s] of c.steps.entries()) {
    const text = side === 'direct' ? (s.direct ?? s.text) : s.text;
    const values = typeof s.values === 'function' ? s.values(results) : (s.values ?? []);
    const step: Step = s.simple ? text : { text, values, extended: true, ...(s.name ? { name: s.name } : {}) };
    try {
      results.push(...(await runStep(client, step)).results);
    } catch (err) {
      const e = err as PgError;
      throw new Error(`${side}: step ${i + 1} failed with ${e.code ?? 'no code'} ${e.message}\n  ${text}`);
    }
  }
  return c.unordered ? results.map((r) => ({ ...r, rows: [...r.rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))) })) : results;
}

async function onSide<T>(side: Side, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = await connectPg(side === 'proxy' ? proxy.url('alice') : proxy.backendUrl);
  try {
    return await use(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

describe.skipIf(!RUN)('tenant isolation: honest ORM statements as alice (acme)', () => {
  beforeAll(async () => {
    proxy = await startTenantProxy('it_tenant_orm');
    direct = await connectPg(proxy.backendUrl);
    otherSeeded = await snapshotOther(direct);
  });
  afterAll(async () => {
    await direct?.end();
    await proxy?.stop();
  });

  it(`has at least ${MIN_CORPUS} statements with unique labels`, () => {
    const labels = ORM_CORPUS.map((c) => c.label);
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels.length).toBeGreaterThanOrEqual(MIN_CORPUS);
  });

  for (const c of ORM_CORPUS) {
    it(c.label, async () => {
      if (c.writes) await resetTenantData(direct);
      try {
        const through = await onSide('proxy', (client) => runCase(client, c, 'proxy'));
        const acmeThrough = c.writes ? await snapshotTenant(direct, ACME) : undefined;
        if (c.writes) {
          expect(await snapshotOther(direct), 'globex rows and shared tables unchanged').toEqual(otherSeeded);
          await resetTenantData(direct);
        }
        const expected = await onSide('direct', (client) => runCase(client, c, 'direct'));
        expect(through).toEqual(expected);
        if (c.rows !== undefined) {
          const last = through.at(-1);
          expect(last?.command === 'SELECT' ? last.rows.length : last?.rowCount, 'rows of the last step (from the seed)').toBe(c.rows);
        }
        if (c.writes) expect(acmeThrough, 'acme data left by the statement').toEqual(await snapshotTenant(direct, ACME));
      } finally {
        // The next case meets the seeded data even when this one failed halfway.
        if (c.writes) await resetTenantData(direct);
      }
    });
  }

  // Without the filter the same reads return globex rows too: equality through the proxy is not vacuous.
  it('most read statements would differ without acme\'s filter', async () => {
    const reads = ORM_CORPUS.filter((c) => !c.writes && c.steps.some((s) => s.direct !== undefined));
    let differing = 0;
    for (const c of reads) {
      const unfiltered = await onSide('direct', (client) => runCase(client, c, 'proxy'));
      const filtered = await onSide('direct', (client) => runCase(client, c, 'direct'));
      if (!isDeepStrictEqual(unfiltered, filtered)) differing++;
    }
    console.log(`ORM corpus: ${differing} of ${reads.length} filtered reads differ from the unfiltered statement`);
    expect(differing).toBeGreaterThanOrEqual(reads.length * 0.7);
  });
});
