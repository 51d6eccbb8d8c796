// Differential test: the corpus in sqlite-differential/queries runs on a real Postgres directly and on a
// SQLite tenant through pgfabric; column names, type OIDs, command tags and rows (as raw text) must match,
// or the SQLite side must refuse the case with 0A000 (counted and listed separately).
//
// Three databases take part:
//   direct    — Postgres, schema + seed loaded directly: the expected answers.
//   permuted  — Postgres, the same rows stored in reverse physical order: every SELECT must answer it
//               exactly as `direct` does, which proves its ORDER BY makes the order fully deterministic.
//   sqlite    — a SQLite file behind pgfabric (tenant acme, startProxy's `sqlite` option), schema + seed
//               loaded through pgfabric.
//
// DML cases run inside BEGIN … ROLLBACK on every side, so each case starts from the seeded state. Postgres
// sequences do not roll back; the runner puts the direct side's sequences back after each DML case, so
// serial/identity values handed out by the next case are the same on both sides. RETURNING has no ORDER BY:
// the rows of a DML case are compared as a multiset (sorted), everything else in order.
//
// All queries use the extended protocol with every value kept as the raw text Postgres sends.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProxy, type RunningProxy } from '../helpers/start-proxy.js';
import { adminUrl, createTestDatabase } from '../helpers/test-database.js';
import { loadCorpus, readSqlFile, type CorpusCase } from './sqlite-differential/corpus.js';

const MIN_CASES = 150;
const REFUSED = '0A000';

type Field = { name: string; oid: number };
type Answer =
  | { ok: true; fields: Field[]; rows: (string | null)[][]; command: string; rowCount: number | null }
  | { ok: false; code: string; message: string };
type Verdict = { kind: 'identical' } | { kind: 'refused'; reason: string } | { kind: 'different'; reason: string };

const cases = loadCorpus();
const schema = readSqlFile('schema.sql');
const seed = readSqlFile('seed.sql');

/** Keeps every value as the text Postgres (or pgfabric) sent. */
const rawText = { getTypeParser: () => (value: string) => value };

class Side {
  private client: pg.Client | null = null;
  private broken = false;
  constructor(
    readonly label: string,
    private readonly url: string,
    private readonly setup: readonly string[] = [],
  ) {}

  async connect(): Promise<pg.Client> {
    if (this.client && !this.broken) return this.client;
    if (this.client) await this.client.end().catch(() => undefined);
    const client = new pg.Client({ connectionString: this.url });
    client.on('error', () => {
      this.broken = true;
    });
    await client.connect();
    for (const sql of this.setup) await client.query(sql);
    this.client = client;
    this.broken = false;
    return client;
  }

  /** One statement, simple protocol (schema and seed loading). */
  async exec(sql: string): Promise<void> {
    const client = await this.connect();
    await client.query(sql);
  }

  /** One statement, extended protocol, raw text values. */
  async run(sql: string, params: readonly (string | null)[] = []): Promise<Answer> {
    let client: pg.Client;
    try {
      client = await this.connect();
    } catch (error) {
      return failure(error);
    }
    const config: pg.QueryArrayConfig & { queryMode: 'extended' } = { text: sql, values: [...params], rowMode: 'array', types: rawText, queryMode: 'extended' };
    try {
      const result = await client.query<(string | null)[]>(config);
      return {
        ok: true,
        fields: result.fields.map((f) => ({ name: f.name, oid: f.dataTypeID })),
        rows: result.rows,
        command: result.command,
        rowCount: result.rowCount,
      };
    } catch (error) {
      if (!(error instanceof pg.DatabaseError)) this.broken = true;
      return failure(error);
    }
  }

  async end(): Promise<void> {
    await this.client?.end().catch(() => undefined);
    this.client = null;
  }
}

function failure(error: unknown): Answer {
  if (error instanceof pg.DatabaseError) return { ok: false, code: error.code ?? '?????', message: error.message };
  return { ok: false, code: 'client', message: error instanceof Error ? error.message : String(error) };
}

function describeAnswer(a: Answer): string {
  return a.ok ? `${a.rows.length} row(s)` : `error ${a.code}: ${a.message}`;
}

/** DML answers are multisets: RETURNING has no order. */
function sortedRows(rows: (string | null)[][]): (string | null)[][] {
  return [...rows].sort((a, b) => {
    const x = JSON.stringify(a);
    const y = JSON.stringify(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

/** The first difference between two successful answers, or null when they are identical. */
function firstDifference(expected: Answer & { ok: true }, got: Answer & { ok: true }, unordered: boolean): string | null {
  const names = (a: Answer & { ok: true }) => a.fields.map((f) => f.name).join(', ');
  if (names(expected) !== names(got)) return `column names: expected [${names(expected)}], got [${names(got)}]`;
  for (let i = 0; i < expected.fields.length; i++) {
    const e = expected.fields[i];
    const g = got.fields[i];
    if (e && g && e.oid !== g.oid) return `type OID of column "${e.name}": expected ${e.oid}, got ${g.oid}`;
  }
  if (expected.command !== got.command || expected.rowCount !== got.rowCount) {
    return `command tag: expected ${expected.command} ${expected.rowCount ?? ''}, got ${got.command} ${got.rowCount ?? ''}`;
  }
  const er = unordered ? sortedRows(expected.rows) : expected.rows;
  const gr = unordered ? sortedRows(got.rows) : got.rows;
  const n = Math.max(er.length, gr.length);
  for (let r = 0; r < n; r++) {
    const e = er[r];
    const g = gr[r];
    if (!e || !g) return `row count: expected ${er.length}, got ${gr.length} (first extra row #${r + 1}: ${JSON.stringify(e ?? g)})`;
    for (let c = 0; c < Math.max(e.length, g.length); c++) {
      if (e[c] !== g[c]) {
        const col = expected.fields[c]?.name ?? `#${c + 1}`;
        return `row ${r + 1}, column "${col}": expected ${JSON.stringify(e[c])}, got ${JSON.stringify(g[c])}\n  expected row: ${JSON.stringify(e)}\n  got row:      ${JSON.stringify(g)}`;
      }
    }
  }
  return null;
}

/** Runs a case the way the corpus says: DML inside BEGIN … ROLLBACK. */
async function runCase(side: Side, c: CorpusCase, afterRollback?: () => Promise<void>): Promise<Answer> {
  if (!c.dml) return side.run(c.sql, c.params);
  const begin = await side.run('BEGIN');
  if (!begin.ok) return begin;
  const answer = await side.run(c.sql, c.params);
  const rollback = await side.run('ROLLBACK');
  if (afterRollback) await afterRollback();
  // A ROLLBACK that fails leaves the session unusable for the next case: report it whatever the case answered.
  if (!rollback.ok) return { ok: false, code: `ROLLBACK ${rollback.code}`, message: `ROLLBACK after the case failed: ${rollback.message} (the case answered: ${describeAnswer(answer)})` };
  return answer;
}

/** Postgres sequences are not transactional: remember them before a DML case and put them back after. */
async function sequenceSnapshot(client: pg.Client): Promise<() => Promise<void>> {
  const { rows } = await client.query<{ name: string; last_value: string | null; is_called: boolean }>(
    `select format('%I.%I', schemaname, sequencename) as name, last_value::text as last_value, last_value is not null as is_called from pg_sequences`,
  );
  return async () => {
    for (const s of rows) {
      if (s.last_value === null) await client.query('select setval($1::regclass, 1, false)', [s.name]);
      else await client.query('select setval($1::regclass, $2::bigint, true)', [s.name, s.last_value]);
    }
  };
}

/** Rewrites every table of the permuted database with its rows in reverse physical order. */
async function reversePhysicalOrder(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ table: string; key: string }>(`
    select c.relname as table, string_agg(quote_ident(a.attname), ', ' order by k.ord) as key
    from pg_index i
    join pg_class c on c.oid = i.indrelid
    join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
    cross join lateral unnest(i.indkey) with ordinality as k(attnum, ord)
    join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
    where i.indisprimary
    group by c.relname`);
  await client.query('begin');
  await client.query('set local session_replication_role = replica');
  for (const t of rows) {
    const desc = t.key.split(', ').map((k) => `${k} desc`).join(', ');
    await client.query(`create temp table reorder_tmp on commit drop as select * from ${t.table} order by ${desc}`);
    await client.query(`delete from ${t.table}`);
    await client.query(`insert into ${t.table} overriding system value select * from reorder_tmp`);
    await client.query('drop table reorder_tmp');
  }
  await client.query('commit');
  await client.query('vacuum analyze');
}

async function loadInto(side: Side, statements: readonly string[], what: string): Promise<void> {
  for (const sql of statements) {
    try {
      await side.exec(sql);
    } catch (error) {
      const code = error instanceof pg.DatabaseError ? ` [${error.code ?? '?'}]` : '';
      throw new Error(`${side.label}: loading ${what} failed${code}: ${error instanceof Error ? error.message : String(error)}\n  statement: ${sql.slice(0, 300)}`);
    }
  }
}

describe('sqlite differential corpus', () => {
  let direct: Side;
  let permuted: Side;
  let sqlite: Side;
  let proxy: RunningProxy | null = null;
  let workDir = '';
  /** Why the SQLite side could not be set up, or null when it was. */
  let sqliteUnavailable: string | null = null;
  const verdicts = new Map<string, Verdict>();
  const expected = new Map<string, Answer>();
  const answers = new Map<string, { want: Answer; got: Answer }>();

  beforeAll(async () => {
    // The SQLite tenant's session time zone is UTC (connectors/sqlite/DESIGN.md): the direct side uses UTC too.
    const utc = ["set timezone = 'UTC'"];
    direct = new Side('postgres', await createTestDatabase(adminUrl(), 'sqlite_diff_direct'), utc);
    permuted = new Side('postgres (permuted)', await createTestDatabase(adminUrl(), 'sqlite_diff_permuted'), utc);
    for (const side of [direct, permuted]) {
      await loadInto(side, schema, 'schema.sql');
      await loadInto(side, seed, 'seed.sql');
    }
    await reversePhysicalOrder(await permuted.connect());

    workDir = mkdtempSync(path.join(tmpdir(), 'pgfabric-sqlite-diff-'));
    proxy = await startProxy({ database: 'sqlite_diff_proxy', sqlite: { dir: workDir } });
    sqlite = new Side('sqlite via pgfabric', proxy.url('alice'));
    try {
      await loadInto(sqlite, schema, 'schema.sql');
      await loadInto(sqlite, seed, 'seed.sql');
    } catch (error) {
      sqliteUnavailable = error instanceof Error ? error.message : String(error);
    }
  });

  afterAll(async () => {
    await Promise.all([direct?.end(), permuted?.end(), sqlite?.end()]);
    await proxy?.stop();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it(`has at least ${MIN_CASES} uniquely named cases`, () => {
    expect(cases.length).toBeGreaterThanOrEqual(MIN_CASES);
  });

  describe('the corpus itself, on Postgres', () => {
    for (const c of cases) {
      it(`${c.name} runs and is deterministic`, async () => {
        const restore = c.dml ? await sequenceSnapshot(await direct.connect()) : undefined;
        const a = await runCase(direct, c, restore);
        expected.set(c.name, a);
        if (!a.ok) expect.fail(`Postgres rejects the case: ${describeAnswer(a)}\n${c.sql}`);
        const restorePermuted = c.dml ? await sequenceSnapshot(await permuted.connect()) : undefined;
        const b = await runCase(permuted, c, restorePermuted);
        if (!b.ok) expect.fail(`Postgres (permuted) rejects the case: ${describeAnswer(b)}`);
        const diff = firstDifference(a, b, c.dml);
        if (diff) expect.fail(`result depends on physical row order (ORDER BY not total?): ${diff}`);
        if (!c.dml && a.rows.length > 1 && !/\border\s+by\b/i.test(c.sql)) expect.fail('a SELECT returning several rows has no ORDER BY');
        if (c.types) {
          // Golden-style: the types the case documents are the ones Postgres reports (names resolved by Postgres).
          const client = await direct.connect();
          const want: number[] = [];
          for (const t of c.types) want.push(Number((await client.query<{ oid: string }>('select $1::regtype::oid::text as oid', [t])).rows[0]?.oid));
          expect(a.fields.map((f) => f.oid), `-- types: ${c.types.join(', ')}`).toEqual(want);
        }
      });
    }
  });

  describe('Postgres vs SQLite tenant', () => {
    for (const c of cases) {
      it(c.name, async () => {
        if (sqliteUnavailable !== null) {
          verdicts.set(c.name, { kind: 'different', reason: `SQLite side unavailable: ${sqliteUnavailable}` });
          expect.fail(`SQLite side unavailable: ${sqliteUnavailable}`);
        }
        let want = expected.get(c.name);
        if (!want) {
          const restore = c.dml ? await sequenceSnapshot(await direct.connect()) : undefined;
          want = await runCase(direct, c, restore);
        }
        const got = await runCase(sqlite, c);
        let verdict = classify(want, got, c);
        // A read runs a second and a third time: by then its translation is cached and, when SQLite proves it a
        // single-row lookup, it is answered on the main thread (inline-reader.ts); the answer must not change.
        if (!c.dml && verdict.kind === 'identical') {
          for (const run of [2, 3]) {
            const again = classify(want, await runCase(sqlite, c), c);
            if (again.kind !== 'identical') {
              verdict = { kind: 'different', reason: `run ${run} (cached plan / inline read): ${again.kind === 'different' ? again.reason : 'refused'}` };
              break;
            }
          }
        }
        verdicts.set(c.name, verdict);
        answers.set(c.name, { want, got });
        if (verdict.kind === 'different') expect.fail(`${c.name} (${c.file}): ${verdict.reason}\n--- sql ---\n${c.sql}`);
      });
    }

    it('summary: every case identical or refused with 0A000', () => {
      const byKind = (k: Verdict['kind']) => [...verdicts].filter(([, v]) => v.kind === k);
      const identical = byKind('identical');
      const refused = byKind('refused');
      const different = byKind('different');
      const lines = [
        `sqlite differential: ${cases.length} cases: ${identical.length} identical, ${refused.length} refused (0A000), ${different.length} different` +
          (verdicts.size < cases.length ? `, ${cases.length - verdicts.size} not run` : ''),
      ];
      if (refused.length) lines.push('refused:', ...refused.map(([name, v]) => `  ${name}: ${'reason' in v ? v.reason : ''}`));
      if (different.length) lines.push('different:', ...different.map(([name, v]) => `  ${name}: ${'reason' in v ? v.reason.split('\n')[0] : ''}`));
      console.log(lines.join('\n'));
      const reportFile = process.env['PGFABRIC_SQLITE_DIFF_REPORT'];
      if (reportFile) writeFileSync(reportFile, report(lines[0] ?? '', [...refused, ...different], answers));
      expect(cases.length).toBeGreaterThanOrEqual(MIN_CASES);
      expect(verdicts.size).toBe(cases.length);
      expect(different.map(([name]) => name)).toEqual([]);
      // The repeated runs did reach the main-thread reader (the corpus has primary-key lookups).
      const inline = Object.values(proxy!.server.connectorStats()).reduce((n, stats) => n + (stats['inlineReads'] ?? 0), 0);
      console.log(`sqlite differential: ${inline} answers came from inline reads`);
      expect(inline).toBeGreaterThan(0);
    });
  });
});

function classify(want: Answer, got: Answer, c: CorpusCase): Verdict {
  if (!got.ok && got.code === REFUSED) return { kind: 'refused', reason: got.message };
  if (!want.ok) return { kind: 'different', reason: `Postgres itself rejects the case (${describeAnswer(want)})` };
  if (!got.ok) return { kind: 'different', reason: `expected ${describeAnswer(want)}, got ${describeAnswer(got)}` };
  const diff = firstDifference(want, got, c.dml);
  return diff === null ? { kind: 'identical' } : { kind: 'different', reason: diff };
}

/** A markdown report of every case that is not identical (PGFABRIC_SQLITE_DIFF_REPORT=<file>). */
function report(summary: string, entries: [string, Verdict][], answers: ReadonlyMap<string, { want: Answer; got: Answer }>): string {
  const byName = new Map(cases.map((c) => [c.name, c]));
  const show = (a: Answer | undefined): string => {
    if (!a) return '(not run)';
    if (!a.ok) return `error ${a.code}: ${a.message}`;
    const head = a.fields.map((f) => `${f.name}:${f.oid}`).join(', ');
    const rows = a.rows.slice(0, 5).map((r) => JSON.stringify(r));
    return [`${a.command} ${a.rowCount ?? ''} [${head}]`, ...rows, ...(a.rows.length > 5 ? [`… ${a.rows.length - 5} more`] : [])].join('\n');
  };
  const out = [`# SQLite differential report`, '', summary, ''];
  for (const [name, v] of entries) {
    const c = byName.get(name);
    const a = answers.get(name);
    out.push(`## ${name} (${v.kind})`, '', `${c?.file ?? ''}: ${v.kind === 'identical' ? '' : v.reason}`, '', '```sql', c?.sql ?? '', '```', '', 'expected (Postgres):', '```', show(a?.want), '```', 'got (SQLite tenant):', '```', show(a?.got), '```', '');
  }
  return out.join('\n');
}
