// The golden corpus of the T-SQL dialect compiler: every test/golden/dialect/tsql/<group>/<case>.sql
// (Postgres SQL) is compiled by translateToTsql against the fixture schema (dialect/tsql/fixture.ts) and the
// plans, rendered as text, are compared with <case>.expected. PGFABRIC_GOLDEN_UPDATE=1 (re)writes the
// expected files instead; without it a case with no expected file fails (cases whose compiler output is
// wrong have none on purpose: they are listed in dialect/tsql/BUGS.md).
//
// There is no SQL Server here, so independently of the expected text every T-SQL statement of every run,
// copy in and copy out plan goes through the grammar check of dialect/tsql/grammar-check.ts: node-sql-parser's
// TransactSQL grammar, @polyglot-sql/sdk only where node-sql-parser has a proven gap, and a lint for
// Postgres syntax left in the output. The counts are printed at the end.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translateToTsql } from '../../rewrite/dialect/tsql/index.js';
import type { MssqlPlan, PgTypeRef, ResultColumn, RunPlan, TsqlParam } from '../../rewrite/dialect/tsql/plan-types.js';
import { loadParser } from '../../rewrite/parser/pg-parser.js';
import { adminUrl, createTestDatabase } from '../helpers/test-database.js';
import { FIXTURE_DDL, FIXTURE_SCHEMA } from './dialect/tsql/fixture.js';
import { GAPS, checkStatement, loadGrammars, nodeSqlParserAccepts, polyglotAccepts, residueOf, skeleton, splitBatch, splitIfGuard, splitTryCatch } from './dialect/tsql/grammar-check.js';

const CASES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'dialect', 'tsql');
const UPDATE = process.env.PGFABRIC_GOLDEN_UPDATE === '1';

type GoldenCase = { readonly group: string; readonly name: string; readonly base: string };

function listCases(): GoldenCase[] {
  const cases: GoldenCase[] = [];
  for (const folder of readdirSync(CASES_DIR, { withFileTypes: true })) {
    if (!folder.isDirectory()) continue;
    for (const file of readdirSync(path.join(CASES_DIR, folder.name)).sort()) {
      if (!file.endsWith('.sql')) continue;
      const name = file.slice(0, -'.sql'.length);
      cases.push({ group: folder.name, name, base: path.join(CASES_DIR, folder.name, name) });
    }
  }
  return cases;
}

function readCase(c: GoldenCase): string {
  return readFileSync(c.base + '.sql', 'utf8').trimEnd();
}

/** `int4(23)`; with a typmod, what it means: `numeric(1700)/12,2`, `varchar(1043)/120`. */
function typeText(t: PgTypeRef | null): string {
  if (t === null) return 'server';
  const base = `${t.name}(${t.oid})`;
  if (t.typmod < 0) return base;
  if (t.name === 'numeric') {
    const m = t.typmod - 4;
    return `${base}/${(m >> 16) & 0xffff},${m & 0xffff}`;
  }
  if (t.name === 'varchar' || t.name === 'bpchar') return `${base}/${t.typmod - 4}`;
  return `${base}/${t.typmod}`;
}

/** How @pN is declared: `Int`, `NVarChar(max)`, `NVarChar(120)`, `Decimal(12,2)`, `DateTime2(6)`. */
function paramText(p: TsqlParam | undefined): string {
  if (p === undefined) return '(undeclared)';
  if (p.length === undefined) return p.type;
  const length = p.length === -1 ? 'max' : String(p.length);
  return p.scale === undefined ? `${p.type}(${length})` : `${p.type}(${length},${p.scale})`;
}

function columnsText(cols: readonly ResultColumn[]): string {
  return cols.map((c) => `${c.name} ${typeText(c.type)}`).join(', ');
}

function paramsText(types: readonly PgTypeRef[], params: readonly TsqlParam[]): string {
  const n = Math.max(types.length, params.length);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(`$${i + 1} ${types[i] === undefined ? '(undescribed)' : typeText(types[i]!)} as ${paramText(params[i])}`);
  return out.join(', ');
}

function runLines(plan: RunPlan): string[] {
  const lines = [plan.tsql];
  if (plan.columns !== null) lines.push(`-- columns: ${columnsText(plan.columns) || '(none)'}`);
  if (plan.paramTypes.length || plan.params.length) lines.push(`-- params: ${paramsText(plan.paramTypes, plan.params)}`);
  lines.push(`-- tag: ${plan.tag.kind === 'fixed' ? plan.tag.tag : `${plan.tag.command} <rows>`}`);
  lines.push(`-- flags: readOnly=${plan.readOnly} schemaChanged=${plan.schemaChanged}`);
  return lines;
}

function planLines(plan: MssqlPlan): string[] {
  switch (plan.kind) {
    case 'run':
      return runLines(plan);
    case 'error':
      return [`-- error ${plan.code}: ${plan.message}${plan.position === undefined ? '' : ` (at ${plan.position})`}`];
    case 'copy_out':
      return [...runLines(plan.query), `-- copy out: ${JSON.stringify(plan.options)}`];
    case 'copy_in':
      return [
        plan.insert,
        `-- copy in columns: ${columnsText(plan.columns)}`,
        ...(plan.paramTypes.length || plan.params.length ? [`-- params: ${paramsText(plan.paramTypes, plan.params)}`] : []),
        `-- copy in: ${JSON.stringify(plan.options)}`,
      ];
    default:
      return [JSON.stringify(plan)];
  }
}

function render(plans: readonly MssqlPlan[]): string {
  const lines: string[] = [];
  plans.forEach((plan, i) => {
    if (plans.length > 1) lines.push(`-- [${i + 1}] ${plan.kind}`);
    lines.push(...planLines(plan));
  });
  return lines.join('\n') + '\n';
}

/** The T-SQL batches of a plan (each may hold several statements). */
function batchesOf(plan: MssqlPlan): string[] {
  switch (plan.kind) {
    case 'run':
      return [plan.tsql];
    case 'copy_out':
      return [plan.query.tsql];
    case 'copy_in':
      return [plan.insert];
    default:
      return [];
  }
}

/** Cases with no expected file on purpose: the backticked `group/case` mentions under BUGS.md's "## Open" headings. */
function knownBugs(): Map<string, string> {
  const file = path.join(CASES_DIR, 'BUGS.md');
  const bugs = new Map<string, string>();
  if (!existsSync(file)) return bugs;
  let heading = '';
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.startsWith('## ')) heading = line.slice(3).trim();
    if (!/^Open\b/i.test(heading)) continue;
    for (const m of line.matchAll(/`([a-z0-9_]+\/[a-z0-9_]+)`/g)) if (!bugs.has(m[1]!)) bugs.set(m[1]!, line.trim().slice(0, 300));
  }
  return bugs;
}

const cases = listCases();
const groups = [...new Set(cases.map((c) => c.group))].sort();
const bugs = knownBugs();
/** How each checked statement passed: 'node-sql-parser' or the gap(s) that sent it to the fallback. */
const passedVia = new Map<string, number>();
let failedStatements = 0;

beforeAll(async () => {
  await loadParser();
  await loadGrammars();
});

afterAll(() => {
  const direct = passedVia.get('node-sql-parser') ?? 0;
  const fallback = [...passedVia].filter(([via]) => via !== 'node-sql-parser');
  const fallbackTotal = fallback.reduce((n, [, count]) => n + count, 0);
  const lines = [
    `T-SQL grammar check over ${cases.length} golden cases: ${direct} statements parsed with node-sql-parser (TransactSQL), ` +
      `${fallbackTotal} only with @polyglot-sql/sdk (tsql) through a known gap, ${failedStatements} failed`,
    ...fallback.sort((a, b) => b[1] - a[1]).map(([via, count]) => `  fallback via ${via}: ${count}`),
  ];
  const used = new Set(fallback.flatMap(([via]) => via.split(' + ')));
  const unused = GAPS.filter((g) => !used.has(g.name)).map((g) => g.name);
  if (passedVia.size && unused.length) lines.push(`  gaps no statement of this run needed: ${unused.join('; ')}`);
  console.log(lines.join('\n'));
});

describe('T-SQL grammar check', () => {
  describe.each(GAPS.map((g) => [g.name, g] as const))('gap: %s', (_name, gap) => {
    it('node-sql-parser rejects a minimal valid example, @polyglot-sql/sdk accepts it, and the gap pattern matches it', async () => {
      await loadGrammars();
      expect(nodeSqlParserAccepts(gap.example).ok).toBe(false);
      expect(polyglotAccepts(gap.example)).toBe(true);
      expect(gap.pattern.test(skeleton(gap.example))).toBe(true);
      expect(residueOf(gap.example)).toEqual([]);
      expect(checkStatement(gap.example)).toEqual({ ok: true, via: gap.name });
    });
  });

  it('accepts plain T-SQL through node-sql-parser', async () => {
    await loadGrammars();
    expect(checkStatement('SELECT TOP (5) [a], CONCAT([b], N\'x\') AS [c] FROM [dbo].[t] WHERE [a] = @p1 ORDER BY [a]')).toEqual({ ok: true, via: 'node-sql-parser' });
    expect(checkStatement('SELECT [a] FROM [dbo].[t] ORDER BY (SELECT NULL) OFFSET 10 ROWS FETCH NEXT 5 ROWS ONLY')).toEqual({ ok: true, via: 'node-sql-parser' });
  });

  // Negative controls: the check can fail.
  it('rejects Postgres syntax node-sql-parser itself rejects (ILIKE, RETURNING, ON CONFLICT)', async () => {
    await loadGrammars();
    for (const sql of ["SELECT [a] FROM [t] WHERE [a] ILIKE N'x'", 'INSERT INTO [t] ([a]) VALUES (1) RETURNING [a]', 'INSERT INTO [t] ([a]) VALUES (1) ON CONFLICT DO NOTHING']) {
      expect(nodeSqlParserAccepts(sql).ok, sql).toBe(false);
      expect(checkStatement(sql).ok, sql).toBe(false);
    }
  });

  it('rejects Postgres syntax node-sql-parser lets through (:: casts, $1, LIMIT, TRUE, "ident") by the residue lint', async () => {
    await loadGrammars();
    for (const sql of ['SELECT a::int FROM t', 'SELECT [a] FROM [t] WHERE [a] = $1', 'SELECT [a] FROM [t] LIMIT 5', 'SELECT [a] FROM [t] WHERE [b] = TRUE', 'SELECT "a" FROM [t]']) {
      expect(nodeSqlParserAccepts(sql).ok, sql).toBe(true);
      const result = checkStatement(sql);
      expect(result.ok, sql).toBe(false);
      expect(result.ok ? '' : result.reason, sql).toMatch(/^Postgres syntax left in the T-SQL/);
    }
  });

  it('rejects a statement that matches a gap but is not valid T-SQL', async () => {
    await loadGrammars();
    const broken = 'INSERT INTO [t] ([a]) OUTPUT INSERTED.[a] VALUES (1';
    expect(polyglotAccepts(broken)).toBe(false);
    expect(checkStatement(broken)).toMatchObject({ ok: false, reason: expect.stringMatching(/so does @polyglot-sql/) });
    // polyglot alone is lax (it accepts ILIKE): the residue lint still catches it behind a gap.
    const lax = "SELECT COUNT_BIG(*) FROM [t] WHERE [a] ILIKE N'x'";
    expect(polyglotAccepts(lax)).toBe(true);
    expect(checkStatement(lax).ok).toBe(false);
  });

  it('checks an IF guard and its statement separately, so a Postgres construct in the body still fails', async () => {
    await loadGrammars();
    expect(splitIfGuard("IF OBJECT_ID(N'[dbo].[DF_t_a]', N'D') IS NOT NULL ALTER TABLE [dbo].[t] DROP CONSTRAINT [DF_t_a]")).toEqual({
      condition: "OBJECT_ID(N'[dbo].[DF_t_a]', N'D') IS NOT NULL",
      body: 'ALTER TABLE [dbo].[t] DROP CONSTRAINT [DF_t_a]',
    });
    expect(checkStatement("IF OBJECT_ID(N'[dbo].[DF_t_a]', N'D') IS NOT NULL ALTER TABLE [dbo].[t] DROP CONSTRAINT [DF_t_a]")).toEqual({ ok: true, via: 'ALTER TABLE … DROP CONSTRAINT' });
    expect(checkStatement("IF OBJECT_ID(N'[dbo].[t]', N'U') IS NOT NULL INSERT INTO [t] ([a]) VALUES (1) ON CONFLICT DO NOTHING").ok).toBe(false);
    expect(checkStatement("IF @v IS NULL THROW 50000, N'x', 1").ok).toBe(false);
    // A BEGIN … END body: the block is a gap, and each statement inside is checked too.
    expect(checkStatement("IF OBJECT_ID(N'[dbo].[t]', N'U') IS NOT NULL BEGIN SET @v = NULL; EXEC sp_executesql @v; END")).toEqual({ ok: true, via: 'BEGIN … END block + SET @variable + EXEC with positional arguments' });
    expect(checkStatement("IF OBJECT_ID(N'[dbo].[t]', N'U') IS NOT NULL BEGIN SELECT 1; SELECT [a] FROM [t] LIMIT 1; END").ok).toBe(false);
  });

  it('checks the statements inside BEGIN TRY … END CATCH one by one (the wrapper itself parses in node-sql-parser)', async () => {
    await loadGrammars();
    expect(nodeSqlParserAccepts('BEGIN TRY SELECT 1; END TRY BEGIN CATCH SELECT 2; END CATCH').ok).toBe(true);
    expect(splitTryCatch("BEGIN TRY INSERT INTO [t] ([a]) VALUES (N'END TRY'); END TRY BEGIN CATCH SET IDENTITY_INSERT [t] OFF; THROW; END CATCH")).toEqual({
      tryBody: ["INSERT INTO [t] ([a]) VALUES (N'END TRY')"],
      catchBody: ['SET IDENTITY_INSERT [t] OFF', 'THROW'],
    });
    expect(checkStatement('BEGIN TRY INSERT INTO [t] ([a]) OUTPUT INSERTED.[a] VALUES (1); END TRY BEGIN CATCH SET IDENTITY_INSERT [t] OFF; END CATCH')).toEqual({ ok: true, via: 'OUTPUT clause + SET IDENTITY_INSERT' });
    // THROW is in neither grammar: only the bare re-raise is accepted, as a hand-checked form (tsql-grammar-hand-checked.test.ts).
    expect(checkStatement('BEGIN TRY SELECT 1; END TRY BEGIN CATCH THROW; END CATCH')).toEqual({ ok: true, via: 'THROW (re-raise in CATCH)' });
    expect(checkStatement('BEGIN TRY SELECT a::int FROM t; END TRY BEGIN CATCH SELECT 2; END CATCH').ok).toBe(false);
  });

  it('ignores literals, names and comments, and splits batches at top-level semicolons only', () => {
    expect(residueOf("SELECT N'a::b || $1 LIMIT TRUE' AS [x \"y\" LIMIT] -- now()")).toEqual([]);
    expect(splitBatch("IF OBJECT_ID(N'dbo.t;x', N'U') IS NULL BEGIN CREATE TABLE [dbo].[t] ([a;] int); END; SELECT CASE WHEN 1 = 1 THEN N';' END; BEGIN TRANSACTION")).toEqual([
      "IF OBJECT_ID(N'dbo.t;x', N'U') IS NULL BEGIN CREATE TABLE [dbo].[t] ([a;] int); END",
      "SELECT CASE WHEN 1 = 1 THEN N';' END",
      'BEGIN TRANSACTION',
    ]);
  });
});

describe('T-SQL dialect golden corpus', () => {
  it('has cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(170);
  });

  it('has no expected file without its case, and none for a case listed in BUGS.md', () => {
    const orphans: string[] = [];
    for (const group of groups) {
      for (const file of readdirSync(path.join(CASES_DIR, group))) {
        if (!file.endsWith('.expected')) continue;
        const id = `${group}/${file.replace(/\.expected$/, '')}`;
        if (!existsSync(path.join(CASES_DIR, group, file.replace(/\.expected$/, '.sql'))) || bugs.has(id)) orphans.push(id);
      }
    }
    expect(orphans).toEqual([]);
  });

  it('every case named in BUGS.md exists', () => {
    const ids = new Set(cases.map((c) => `${c.group}/${c.name}`));
    expect([...bugs.keys()].filter((id) => !ids.has(id))).toEqual([]);
  });

  it('the fixture schema is what Postgres reports for FIXTURE_DDL (format_type, NOT NULL, identity, defaults)', async () => {
    const url = await createTestDatabase(adminUrl(), 'tsql_golden_fixture');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(FIXTURE_DDL);
      const { rows } = await client.query<{ relname: string; relkind: string; attname: string; type: string; notnull: boolean; identity: boolean; hasdef: boolean }>(`
        SELECT c.relname, c.relkind, a.attname, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS notnull,
               a.attidentity <> '' AS identity, a.atthasdef OR a.attidentity <> '' AS hasdef
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'v') AND a.attnum > 0 AND NOT a.attisdropped
        ORDER BY c.relname, a.attnum`);
      const fromPostgres = new Map<string, { kind: string; columns: object[] }>();
      for (const r of rows) {
        const key = `public.${r.relname}`;
        const t = fromPostgres.get(key) ?? { kind: r.relkind === 'v' ? 'view' : 'table', columns: [] };
        t.columns.push({ name: r.attname, pgType: r.type, notNull: r.notnull, identity: r.identity, hasDefault: r.hasdef });
        fromPostgres.set(key, t);
      }
      const fixture = new Map([...FIXTURE_SCHEMA.tables].map(([k, t]) => [k, { kind: t.kind, columns: t.columns.map((c) => ({ ...c })) }]));
      expect(Object.fromEntries([...fromPostgres].sort())).toEqual(Object.fromEntries([...fixture].sort()));
      const keys = await client.query<{ relname: string; cols: string[] }>(`
        SELECT c.relname, array_agg(a.attname ORDER BY k.ord)::text[] AS cols
        FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
        CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
        WHERE c.relnamespace = 'public'::regnamespace AND (i.indisunique)
        GROUP BY c.relname, i.indexrelid, i.indisprimary ORDER BY c.relname, i.indisprimary DESC, i.indexrelid`);
      const pgKeys: Record<string, string[][]> = {};
      for (const r of keys.rows) (pgKeys[`public.${r.relname}`] ??= []).push(r.cols);
      const fixtureKeys = Object.fromEntries([...FIXTURE_SCHEMA.tables].filter(([, t]) => t.uniqueKeys.length).map(([k, t]) => [k, t.uniqueKeys.map((u) => [...u])]));
      expect(pgKeys).toEqual(fixtureKeys);
    } finally {
      await client.end();
    }
  });

  describe.each(groups)('%s', (group) => {
    const inGroup = cases.filter((c) => c.group === group).map((c) => [c.name, c] as const);

    it.each(inGroup)('%s', (_name, c) => {
      const actual = render(translateToTsql(readCase(c), FIXTURE_SCHEMA));
      const expectedFile = `${c.base}.expected`;
      const bug = bugs.get(`${c.group}/${c.name}`);
      if (UPDATE) {
        // A case listed in BUGS.md keeps no expected file: regenerating must not bless the wrong output.
        if (!bug) writeFileSync(expectedFile, actual);
        return;
      }
      if (!existsSync(expectedFile)) {
        throw new Error(bug ? `${c.group}/${c.name}: known compiler bug (BUGS.md: ${bug}); got:\n${actual}` : `${c.group}/${c.name}: no expected file (run with PGFABRIC_GOLDEN_UPDATE=1 and review it)`);
      }
      expect(actual).toBe(readFileSync(expectedFile, 'utf8'));
    });

    it.each(inGroup)('%s: every T-SQL statement passes the grammar check', (_name, c) => {
      const failures: string[] = [];
      for (const plan of translateToTsql(readCase(c), FIXTURE_SCHEMA)) {
        for (const batch of batchesOf(plan)) {
          for (const statement of splitBatch(batch)) {
            const result = checkStatement(statement);
            if (result.ok) passedVia.set(result.via, (passedVia.get(result.via) ?? 0) + 1);
            else {
              failedStatements++;
              failures.push(`${result.reason}\n    in: ${statement}`);
            }
          }
        }
      }
      expect(failures).toEqual([]);
    });
  });
});
