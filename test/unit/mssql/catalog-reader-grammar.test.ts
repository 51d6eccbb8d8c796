// The schema reader's sys.* queries cannot run here (no SQL Server): they are at least checked to be T-SQL
// by two independent grammars, node-sql-parser (TransactSQL) and @polyglot-sql/sdk (tsql), with a broken
// query as the control that each grammar does reject something.
import nodeSqlParser from 'node-sql-parser';
import { init as initPolyglot, validate as polyglotValidate } from '@polyglot-sql/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_QUERIES } from '../../../connectors/mssql/catalog/mssql-schema-reader.js';

const parser = new nodeSqlParser.Parser();

function nodeSqlParserAccepts(tsql: string): boolean {
  try {
    parser.astify(tsql, { database: 'TransactSQL' });
    return true;
  } catch {
    return false;
  }
}

beforeAll(async () => {
  await initPolyglot();
});

describe('the schema reader\'s T-SQL', () => {
  it('rejects a broken query in both grammars (the control)', () => {
    const broken = 'SELECT s.name FROM sys.objects AS o JOIN sys.schemas AS s ON WHERE o.type IN (';
    expect(nodeSqlParserAccepts(broken)).toBe(false);
    expect(polyglotValidate(broken, 'tsql').valid).toBe(false);
  });

  for (const [name, tsql] of Object.entries(SCHEMA_QUERIES)) {
    it(`${name}: parses as T-SQL in both grammars and reads only sys.* views`, () => {
      expect(nodeSqlParserAccepts(tsql)).toBe(true);
      expect(polyglotValidate(tsql, 'tsql')).toMatchObject({ valid: true });
      const sources = [...tsql.matchAll(/\b(?:FROM|JOIN)\s+([\w.]+)/gi)].map((m) => m[1]!);
      expect(sources.length).toBeGreaterThan(0);
      for (const s of sources) expect(s, name).toMatch(/^sys\.\w+$/);
    });
  }
});
