// Checks Postgres makes on a query's shape that SQLite does not: a scalar subquery returning more than one
// row (21000; SQLite silently takes the first) and a negative LIMIT or OFFSET (2201W / 2201X; SQLite reads
// them as "none").
import type Database from 'better-sqlite3';
import { aggregate, scalar } from './define.js';
import { pgError } from './errors.js';
import { asBigInt, type SqlValue } from './sql-values.js';

type One = { rows: number; value: SqlValue };

export function registerQueryChecks(db: Database.Database): void {
  // (SELECT pgf_scalar_subquery(v) FROM (subquery LIMIT 2)): the value of the only row, NULL for none.
  aggregate<One>(db, 'pgf_scalar_subquery', {
    start: () => ({ rows: 0, value: null }),
    step: (state, value) => {
      state.rows += 1;
      if (state.rows > 1) throw pgError('21000', 'more than one row returned by a subquery used as an expression');
      state.value = value ?? null;
      return state;
    },
    result: (state) => (state.value === undefined ? null : (state.value as string | number | bigint | Buffer | null)),
    real: true,
  });
  // pgf_check_limit(n, 'LIMIT' | 'OFFSET'): n unchanged, NULL (no limit) as -1 for LIMIT and 0 for OFFSET.
  scalar(db, 'pgf_check_limit', (n: SqlValue, which: SqlValue) => {
    if (n === null || n === undefined) return which === 'OFFSET' ? 0n : -1n;
    const v = asBigInt(n);
    if (v < 0n) throw pgError(which === 'OFFSET' ? '2201X' : '2201W', `${String(which)} must not be negative`);
    return v;
  });
}
