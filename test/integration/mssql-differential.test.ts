// Differential test against SQL Server: the corpus of sqlite-differential/queries runs on a real Postgres
// directly and on a SQL Server tenant through pgfabric; column names, type OIDs, command tags and rows (as
// raw text) must match, or the SQL Server side must refuse the case with 0A000 (counted and listed).
// Runs only where a SQL Server is reachable (MSSQL_URL, or Docker for testcontainers: mssql-server.ts);
// otherwise every case is skipped and the reason printed.
//
//   direct — Postgres (the run's shared one), schema + seed loaded directly: the expected answers. The
//            corpus's own determinism (total ORDER BYs, types) is proven by sqlite-differential.test.ts.
//   mssql  — a SQL Server database behind pgfabric (tenant acme), schema + seed loaded through pgfabric. It
//            is created with a binary collation: the test Postgres is initdb'd --no-locale (C collation:
//            case-sensitive, code-point order), and the comparison is about translation, not collations.
//
// DML cases run inside BEGIN … ROLLBACK on both sides. Neither Postgres sequences nor SQL Server IDENTITY
// values roll back: the runner puts both back after each DML case (setval on Postgres, DBCC CHECKIDENT on
// SQL Server, directly on the tenant's database), so the next case gets the same serial values on both
// sides. RETURNING has no ORDER BY: the rows of a DML case are compared as a multiset (sorted).
//
// PGFABRIC_MSSQL_DIFF_REPORT=<file> writes a markdown report of every case that is not identical.
import { writeFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mssqlServer, skipReason, withMssqlPool } from '../helpers/mssql-server.js';
import { startProxy, type RunningProxy } from '../helpers/start-proxy.js';
import { adminUrl, createTestDatabase } from '../helpers/test-database.js';
import { loadCorpus, readSqlFile, type CorpusCase } from './sqlite-differential/corpus.js';

const SERVER = mssqlServer(import.meta.url);
const SKIP = skipReason(SERVER);
const REFUSED = '0A000';
/** Code-point order and case-sensitive comparisons, as the --no-locale test Postgres; UTF-8 varchar storage. */
const COLLATION = 'Latin1_General_100_BIN2_UTF8';

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

/** One client session on one side, reopened after a connection-level failure. */
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
    await (await this.connect()).query(sql);
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
      return { ok: true, fields: result.fields.map((f) => ({ name: f.name, oid: f.dataTypeID })), rows: result.rows, command: result.command, rowCount: result.rowCount };
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
  for (let r = 0; r < Math.max(er.length, gr.length); r++) {
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

function classify(want: Answer, got: Answer, c: CorpusCase): Verdict {
  if (!got.ok && got.code === REFUSED) return { kind: 'refused', reason: got.message };
  if (!want.ok) return { kind: 'different', reason: `Postgres itself rejects the case (${describeAnswer(want)})` };
  if (!got.ok) return { kind: 'different', reason: `expected ${describeAnswer(want)}, got ${describeAnswer(got)}` };
  const diff = firstDifference(want, got, c.dml);
  return diff === null ? { kind: 'identical' } : { kind: 'different', reason: diff };
}

/** Runs a case the way the corpus says: DML inside BEGIN … ROLLBACK, then `afterRollback` (counters put back). */
async function runCase(side: Side, c: CorpusCase, afterRollback?: () => Promise<void>): Promise<Answer> {
  if (!c.dml) return side.run(c.sql, c.params);
  const begin = await side.run('BEGIN');
  if (!begin.ok) return begin;
  const answer = await side.run(c.sql, c.params);
  const rollback = await side.run('ROLLBACK');
  if (afterRollback) await afterRollback();
  if (!rollback.ok) return { ok: false, code: `ROLLBACK ${rollback.code}`, message: `ROLLBACK after the case failed: ${rollback.message} (the case answered: ${describeAnswer(answer)})` };
  return answer;
}

/** Postgres sequences are not transactional: remember them before a DML case and put them back after. */
async function sequenceSnapshot(client: pg.Client): Promise<() => Promise<void>> {
  const { rows } = await client.query<{ name: string; last_value: string | null }>(
    `select format('%I.%I', schemaname, sequencename) as name, last_value::text as last_value from pg_sequences`,
  );
  return async () => {
    for (const s of rows) {
      if (s.last_value === null) await client.query('select setval($1::regclass, 1, false)', [s.name]);
      else await client.query('select setval($1::regclass, $2::bigint, true)', [s.name, s.last_value]);
    }
  };
}

/**
 * SQL Server IDENTITY values are not transactional either: remember each table's last value (directly on the
 * tenant's database) and reseed after the case. A table whose identity was never used keeps NULL and is left
 * alone (no corpus table is empty after the seed).
 */
async function identitySnapshot(databaseUrl: string): Promise<() => Promise<void>> {
  const rows = await withMssqlPool(databaseUrl, async (pool) =>
    (
      await pool.request().query<{ tbl: string; last: string | null }>(
        `SELECT QUOTENAME(OBJECT_SCHEMA_NAME(object_id)) + '.' + QUOTENAME(OBJECT_NAME(object_id)) AS tbl, CONVERT(varchar(40), last_value) AS last
         FROM sys.identity_columns WHERE OBJECTPROPERTY(object_id, 'IsUserTable') = 1`,
      )
    ).recordset,
  );
  return async () => {
    const known = rows.filter((r) => r.last !== null);
    if (known.length === 0) return;
    await withMssqlPool(databaseUrl, async (pool) => {
      for (const r of known) await pool.request().batch(`DBCC CHECKIDENT ('${r.tbl.replaceAll("'", "''")}', RESEED, ${BigInt(r.last ?? '0')}) WITH NO_INFOMSGS`);
    });
  };
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

describe.skipIf(SKIP !== undefined)('SQL Server differential corpus: Postgres vs SQL Server tenant', () => {
  let direct: Side;
  let mssql: Side;
  let proxy: RunningProxy | null = null;
  let tenantDatabase = '';
  /** Why the SQL Server side could not be set up, or null when it was. */
  let unavailable: string | null = null;
  const verdicts = new Map<string, Verdict>();
  const answers = new Map<string, { want: Answer; got: Answer }>();

  beforeAll(async () => {
    if (!('url' in SERVER)) throw new Error('unreachable: the suite is skipped without a server');
    // The SQL Server tenant's session time zone is UTC (as the SQLite one's): the direct side uses UTC too.
    direct = new Side('postgres', await createTestDatabase(adminUrl(), 'mssql_diff_direct'), ["set timezone = 'UTC'"]);
    await loadInto(direct, schema, 'schema.sql');
    await loadInto(direct, seed, 'seed.sql');
    proxy = await startProxy({ database: 'mssql_diff', mssql: { url: SERVER.url, collation: COLLATION } });
    tenantDatabase = proxy.mssqlUrls?.acme ?? '';
    mssql = new Side('SQL Server via pgfabric', proxy.url('alice'));
    try {
      await loadInto(mssql, schema, 'schema.sql');
      await loadInto(mssql, seed, 'seed.sql');
    } catch (error) {
      unavailable = error instanceof Error ? error.message : String(error);
    }
  }, 600_000);

  afterAll(async () => {
    await Promise.all([direct?.end(), mssql?.end()]);
    await proxy?.stop();
  });

  for (const c of cases) {
    it(c.name, async () => {
      if (unavailable !== null) {
        verdicts.set(c.name, { kind: 'different', reason: `SQL Server side unavailable: ${unavailable}` });
        expect.fail(`SQL Server side unavailable: ${unavailable}`);
      }
      const restore = c.dml ? await sequenceSnapshot(await direct.connect()) : undefined;
      const want = await runCase(direct, c, restore);
      const reseed = c.dml ? await identitySnapshot(tenantDatabase) : undefined;
      const got = await runCase(mssql, c, reseed);
      let verdict = classify(want, got, c);
      // A read runs a second time: its translation then comes from the cache; the answer must not change.
      if (!c.dml && verdict.kind === 'identical') {
        const again = classify(want, await runCase(mssql, c), c);
        if (again.kind !== 'identical') verdict = { kind: 'different', reason: `second run (cached translation): ${again.kind === 'different' ? again.reason : `refused: ${again.reason}`}` };
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
      `mssql differential: ${cases.length} cases: ${identical.length} identical, ${refused.length} refused (0A000), ${different.length} different` +
        (verdicts.size < cases.length ? `, ${cases.length - verdicts.size} not run` : ''),
    ];
    if (refused.length) lines.push('refused:', ...refused.map(([name, v]) => `  ${name}: ${'reason' in v ? v.reason : ''}`));
    if (different.length) lines.push('different:', ...different.map(([name, v]) => `  ${name}: ${'reason' in v ? v.reason.split('\n')[0] : ''}`));
    console.log(lines.join('\n'));
    const reportFile = process.env['PGFABRIC_MSSQL_DIFF_REPORT'];
    if (reportFile) writeFileSync(reportFile, report(lines[0] ?? '', [...refused, ...different], answers));
    expect(verdicts.size).toBe(cases.length);
    expect(identical.length).toBeGreaterThan(0);
    expect(different.map(([name]) => name)).toEqual([]);
  });
});

/** A markdown report of every case that is not identical. */
function report(summary: string, entries: [string, Verdict][], answers: ReadonlyMap<string, { want: Answer; got: Answer }>): string {
  const byName = new Map(cases.map((c) => [c.name, c]));
  const show = (a: Answer | undefined): string => {
    if (!a) return '(not run)';
    if (!a.ok) return `error ${a.code}: ${a.message}`;
    const head = a.fields.map((f) => `${f.name}:${f.oid}`).join(', ');
    const rows = a.rows.slice(0, 5).map((r) => JSON.stringify(r));
    return [`${a.command} ${a.rowCount ?? ''} [${head}]`, ...rows, ...(a.rows.length > 5 ? [`… ${a.rows.length - 5} more`] : [])].join('\n');
  };
  const out = ['# SQL Server differential report', '', summary, ''];
  for (const [name, v] of entries) {
    const c = byName.get(name);
    const a = answers.get(name);
    out.push(`## ${name} (${v.kind})`, '', `${c?.file ?? ''}: ${v.kind === 'identical' ? '' : v.reason}`, '', '```sql', c?.sql ?? '', '```', '', 'expected (Postgres):', '```', show(a?.want), '```', 'got (SQL Server tenant):', '```', show(a?.got), '```', '');
  }
  return out.join('\n');
}
