// Differential harness for the pgf_* SQLite functions: each case runs one SQL expression on the real
// Postgres of the test run and the matching pgf_* expression on an in-memory better-sqlite3 database,
// and compares Postgres' text output with the SQLite result mapped storage → text.
import Database from 'better-sqlite3';
import pg from 'pg';
import { expect } from 'vitest';
import { registerPgFunctions, storageToText, type PgFunctionSession } from '../../connectors/sqlite/functions/register-pg-functions.js';
import { adminUrl, createTestDatabase } from '../helpers/test-database.js';

export type Case = {
  /** Postgres expression (selected as one column). */
  readonly pg: string;
  /** SQLite expression using pgf_* functions. */
  readonly lite: string;
  /** Postgres type of the result, to map the SQLite storage value to text (default: text). */
  readonly type?: string;
};

/** `statement`: `pg` is a whole statement (e.g. an INSERT), not an expression. */
export type ErrorCase = { readonly pg: string; readonly lite: string; readonly statement?: boolean };

export type Harness = {
  pgText(expr: string): Promise<string | null>;
  liteText(expr: string, type?: string): string | null;
  check(c: Case): Promise<void>;
  checkError(c: ErrorCase): Promise<void>;
  db: Database.Database;
  close(): Promise<void>;
};

export const FIXED_NOW = '2024-03-10 12:34:56.789+00';

export function testSession(overrides: Partial<PgFunctionSession> = {}): PgFunctionSession {
  return {
    transactionTimestamp: () => FIXED_NOW,
    cancelled: () => false,
    sleep: () => true,
    setting: (name) => (name === 'TimeZone' ? 'UTC' : null),
    ...overrides,
  };
}

export async function openHarness(databaseName: string): Promise<Harness> {
  const url = await createTestDatabase(adminUrl(), databaseName);
  // Every value comes back as Postgres' own text output.
  const client = new pg.Client({ connectionString: url, types: { getTypeParser: () => (value: string) => value } });
  await client.connect();
  await client.query("set timezone = 'UTC'");
  const db = new Database(':memory:');
  registerPgFunctions(db, testSession());

  const pgText = async (expr: string): Promise<string | null> => {
    const result = await client.query({ text: `select ${expr} as v`, rowMode: 'array' });
    const row = result.rows[0] as unknown[] | undefined;
    return (row?.[0] ?? null) as string | null;
  };
  const liteText = (expr: string, type = 'text'): string | null => {
    const row = db.prepare(`select ${expr} as v`).raw(true).safeIntegers(true).get() as unknown[] | undefined;
    return storageToText((row?.[0] ?? null) as string | number | bigint | Buffer | null, type, 'output');
  };
  return {
    db,
    pgText,
    liteText,
    async check(c) {
      const expected = await pgText(c.pg);
      expect({ expr: c.pg, value: liteText(c.lite, c.type) }).toEqual({ expr: c.pg, value: expected });
    },
    async checkError(c) {
      let pgError: { code?: string; message?: string } = {};
      try {
        if (c.statement) await client.query(c.pg);
        else await pgText(c.pg);
      } catch (error) {
        pgError = error as { code?: string; message?: string };
      }
      let liteError: { code?: string; message?: string } = {};
      try {
        liteText(c.lite);
      } catch (error) {
        liteError = error as { code?: string; message?: string };
      }
      expect({ expr: c.pg, code: liteError.code, message: liteError.message })
        .toEqual({ expr: c.pg, code: pgError.code, message: pgError.message });
    },
    async close() {
      await client.end();
      db.close();
    },
  };
}
