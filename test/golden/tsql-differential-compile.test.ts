// The differential corpus (test/integration/sqlite-differential: 300+ statements Postgres answers, checked live
// against a SQLite tenant) compiled to T-SQL without a server: every case must either compile to T-SQL that
// passes the golden corpus's grammar check (node-sql-parser TransactSQL, polyglot for its proven gaps, no
// Postgres residue), go to the catalog emulation, or be refused with 0A000 naming the construct. Any other
// answer (42P01, 42703, 42804 …) is a compiler bug: Postgres itself accepts every one of these statements.
// What the T-SQL does when run is checked only by the live tests (mssql-differential) where a server exists.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadParser } from '../../rewrite/parser/pg-parser.js';
import { translateToTsql, type MssqlPlan, type MssqlSchema } from '../../rewrite/dialect/tsql/index.js';
import { loadCorpus, readSqlFile } from '../integration/sqlite-differential/corpus.js';
import { checkStatement, loadGrammars, splitBatch } from './dialect/tsql/grammar-check.js';

const EMPTY: MssqlSchema = { version: 1, tables: new Map() };
const schemaSql = readSqlFile('schema.sql').join(';\n');
const cases = loadCorpus();
const tally = { compiled: 0, catalog: 0, refused: 0 };
const refusals = new Map<string, number>();

function statementsOf(plan: MssqlPlan): string[] {
  if (plan.kind === 'run') return splitBatch(plan.tsql);
  if (plan.kind === 'copy_out') return splitBatch(plan.query.tsql);
  if (plan.kind === 'copy_in') return splitBatch(plan.insert);
  return [];
}

describe('differential corpus compiled to T-SQL', () => {
  beforeAll(async () => {
    await loadParser();
    await loadGrammars();
  });

  it("the corpus schema compiles (every table the cases read exists on a SQL Server tenant)", () => {
    const errors = translateToTsql(schemaSql, EMPTY).filter((p) => p.kind === 'error');
    expect(errors).toEqual([]);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    // The schema's DDL first, in the same call, so the case sees the tables it creates.
    const plans = translateToTsql(`${schemaSql};\n${c.sql}`, EMPTY);
    const plan = plans[plans.length - 1]!;
    if (plan.kind === 'error') {
      expect(plan.code, plan.message).toBe('0A000');
      expect(plan.message).toMatch(/ is not supported on a SQL Server tenant$/);
      tally.refused++;
      refusals.set(plan.message, (refusals.get(plan.message) ?? 0) + 1);
      return;
    }
    if (plan.kind === 'catalog') {
      tally.catalog++;
      return;
    }
    for (const statement of statementsOf(plan)) {
      const check = checkStatement(statement);
      expect(check.ok ? 'parses' : `${check.reason}\n${statement}`).toBe('parses');
    }
    tally.compiled++;
  });

  it('summary', () => {
    console.log(`differential corpus → T-SQL: ${cases.length} cases, ${tally.compiled} compiled (grammar-checked), ${tally.catalog} to the catalog emulation, ${tally.refused} refused (0A000):`);
    for (const [message, count] of [...refusals].sort((a, b) => b[1] - a[1])) console.log(`  ${count} × ${message}`);
    expect(tally.compiled + tally.catalog + tally.refused).toBe(cases.length);
  });
});
