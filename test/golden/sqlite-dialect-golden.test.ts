// The golden corpus of the SQLite dialect compiler: every test/golden/dialect/sqlite/<group>/<case>.sql
// (Postgres SQL) is compiled by translateToSqlite against the fixture schema (dialect/sqlite/fixture.ts)
// and the plans, rendered as text, are compared with <case>.expected. PGFABRIC_GOLDEN_UPDATE=1 (re)writes
// the expected files instead; without it a case with no expected file fails (cases whose compiler output
// is wrong have none on purpose: they are listed in dialect/sqlite/BUGS.md).
//
// Independently of the expected text, every SQLite statement of every 'run', copy in and copy out plan is
// prepared by SQLite itself on an in-memory database holding the fixture's tables (made by compiling
// FIXTURE_DDL), the attached pg_catalog / information_schema databases and every pgf_* function the
// connector registers: a statement SQLite rejects (syntax, an
// unknown column, a pgf_* function that does not exist) fails the case, unless the case says
// `-- sqlite-prepare: skip (reason)` in its header, which the runner prints.
import Database from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachCatalog } from '../../connectors/sqlite/catalog/catalog-attach.js';
import { registerPgFunctions, type PgFunctionSession } from '../../connectors/sqlite/functions/register-pg-functions.js';
import { METADATA_DDL, readSchema } from '../../connectors/sqlite/sqlite-schema-reader.js';
import { translateToSqlite } from '../../rewrite/dialect/sqlite/index.js';
import type { PgTypeRef, ResultColumn, RunPlan, SqlitePlan } from '../../rewrite/dialect/sqlite/plan-types.js';
import { loadParser } from '../../rewrite/parser/pg-parser.js';
import { FIXTURE_DDL, FIXTURE_SCHEMA } from './dialect/sqlite/fixture.js';

const CASES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'dialect', 'sqlite');
const UPDATE = process.env.PGFABRIC_GOLDEN_UPDATE === '1';
const SKIP_HEADER = /^--\s*sqlite-prepare:\s*skip\s*(.*)$/;

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

/** The case's SQL (header comment lines kept: the parser ignores them) and its prepare-skip reason. */
function readCase(c: GoldenCase): { sql: string; skip: string | null } {
  const text = readFileSync(c.base + '.sql', 'utf8');
  let skip: string | null = null;
  for (const line of text.split('\n')) {
    if (!line.startsWith('--')) break;
    const m = SKIP_HEADER.exec(line);
    if (m) skip = m[1]!.trim() || '(no reason given)';
  }
  return { sql: text.trimEnd(), skip };
}

/** `int4(23)`; with a typmod, what it means: `numeric(1700)/12,2`, `varchar(1043)/120`. */
function typeText(t: PgTypeRef): string {
  const base = `${t.name}(${t.oid})`;
  if (t.typmod < 0) return base;
  if (t.name === 'numeric' || t.name === '_numeric') {
    const m = t.typmod - 4;
    return `${base}/${(m >> 16) & 0xffff},${m & 0xffff}`;
  }
  if (['varchar', 'bpchar', '_varchar', '_bpchar'].includes(t.name)) return `${base}/${t.typmod - 4}`;
  return `${base}/${t.typmod}`;
}

function columnsText(cols: readonly ResultColumn[]): string {
  return cols.map((c) => `${c.name} ${typeText(c.type)}`).join(', ');
}

function runLines(plan: RunPlan): string[] {
  const lines = [...plan.sqlite];
  if (plan.columns !== null) lines.push(`-- columns: ${columnsText(plan.columns) || '(none)'}`);
  if (plan.paramTypes.length) lines.push(`-- params: ${plan.paramTypes.map((p, i) => `$${i + 1} ${typeText(p)}`).join(', ')}`);
  lines.push(`-- tag: ${plan.tag.kind === 'fixed' ? plan.tag.tag : `${plan.tag.command} <rows>`}`);
  lines.push(`-- flags: readOnly=${plan.readOnly} schemaChanged=${plan.schemaChanged}`);
  return lines;
}

function planLines(plan: SqlitePlan): string[] {
  switch (plan.kind) {
    case 'run':
      return runLines(plan);
    case 'error':
      return [`-- error ${plan.code}: ${plan.message}${plan.position === undefined ? '' : ` (at ${plan.position})`}`];
    case 'copy_out':
      return [...runLines(plan.query), `-- copy out: ${JSON.stringify(plan.options)}`];
    case 'copy_in':
      return [plan.insert, `-- copy in columns: ${columnsText(plan.columns)}`, `-- copy in: ${JSON.stringify(plan.options)}`];
    default:
      return [JSON.stringify(plan)];
  }
}

function render(plans: readonly SqlitePlan[], skip: string | null): string {
  const lines: string[] = [];
  if (skip !== null) lines.push(`-- sqlite-prepare: skipped ${skip}`);
  plans.forEach((plan, i) => {
    if (plans.length > 1) lines.push(`-- [${i + 1}] ${plan.kind}`);
    lines.push(...planLines(plan));
  });
  return lines.join('\n') + '\n';
}

/** The SQLite statements of a plan, and whether they change the schema (then they are also run, so later statements see the change). */
function statementsOf(plan: SqlitePlan): { sql: readonly string[]; execute: boolean } {
  switch (plan.kind) {
    case 'run':
      return { sql: plan.sqlite, execute: plan.schemaChanged };
    case 'copy_out':
      return { sql: plan.query.sqlite, execute: false };
    case 'copy_in':
      return { sql: [plan.insert], execute: false };
    default:
      return { sql: [], execute: false };
  }
}

/** Cases with no expected file on purpose, from BUGS.md's `group/case` mentions. */
function knownBugs(): Map<string, string> {
  const file = path.join(CASES_DIR, 'BUGS.md');
  const bugs = new Map<string, string>();
  if (!existsSync(file)) return bugs;
  let heading = '';
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.startsWith('## ')) heading = line.slice(3).trim();
    for (const m of line.matchAll(/`([a-z0-9_]+\/[a-z0-9_]+)`/g)) if (!bugs.has(m[1]!)) bugs.set(m[1]!, heading);
  }
  return bugs;
}

const testSession: PgFunctionSession = {
  transactionTimestamp: () => '2024-03-10 12:34:56.789+00',
  cancelled: () => false,
  sleep: () => true,
  setting: (name) => (name === 'TimeZone' ? 'UTC' : null),
};

const cases = listCases();
const groups = [...new Set(cases.map((c) => c.group))].sort();
const bugs = knownBugs();
let db: Database.Database;

beforeAll(async () => {
  await loadParser();
  db = new Database(':memory:');
  registerPgFunctions(db, testSession);
  attachCatalog(db);
  db.exec(METADATA_DDL);
  for (const plan of translateToSqlite(FIXTURE_DDL, { version: 1, tables: new Map() })) {
    if (plan.kind !== 'run') throw new Error(`fixture DDL: ${JSON.stringify(plan)}`);
    for (const s of plan.sqlite) db.exec(s);
  }
});

afterAll(() => {
  db?.close();
});

describe('sqlite dialect golden corpus', () => {
  it('has cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(170);
  });

  it('has no expected file without its case', () => {
    const orphans: string[] = [];
    for (const group of groups) {
      for (const file of readdirSync(path.join(CASES_DIR, group))) {
        if (file.endsWith('.expected') && !existsSync(path.join(CASES_DIR, group, file.replace(/\.expected$/, '.sql')))) orphans.push(`${group}/${file}`);
      }
    }
    expect(orphans).toEqual([]);
  });

  it('the fixture DDL, compiled and run on SQLite, gives the fixture schema', () => {
    const read = readSchema(db).map((t) => ({ name: t.name, kind: t.kind, columns: t.columns }));
    const expected = [...FIXTURE_SCHEMA.tables.values()].map((t) => ({ name: t.name, kind: t.kind, columns: t.columns })).sort((a, b) => a.name.localeCompare(b.name));
    expect(read).toEqual(expected);
  });

  describe.each(groups)('%s', (group) => {
    const inGroup = cases.filter((c) => c.group === group).map((c) => [c.name, c] as const);

    it.each(inGroup)('%s', (_name, c) => {
      const { sql, skip } = readCase(c);
      const actual = render(translateToSqlite(sql, FIXTURE_SCHEMA), skip);
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

    it.each(inGroup)('%s: SQLite prepares every statement', (_name, c) => {
      const { sql, skip } = readCase(c);
      if (skip !== null) {
        console.log(`sqlite-prepare skipped for ${c.group}/${c.name}: ${skip}`);
        return;
      }
      const failures: string[] = [];
      db.exec('SAVEPOINT golden_case');
      try {
        for (const plan of translateToSqlite(sql, FIXTURE_SCHEMA)) {
          const { sql: statements, execute } = statementsOf(plan);
          for (const statement of statements) {
            try {
              const prepared = db.prepare(statement);
              if (execute && !prepared.reader) prepared.run();
            } catch (err) {
              failures.push(`${(err as Error).message}\n    in: ${statement}`);
            }
          }
        }
      } finally {
        db.exec('ROLLBACK TO golden_case; RELEASE golden_case');
      }
      expect(failures).toEqual([]);
    });
  });
});
