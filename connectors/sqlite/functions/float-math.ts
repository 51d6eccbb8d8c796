// sqrt/ln/log of double precision with Postgres's errors: SQLite's math functions answer NULL for a
// negative or zero argument where Postgres fails (2201F, 2201E).
import type Database from 'better-sqlite3';
import { floatResult, scalar, strict } from './define.js';
import { pgError } from './errors.js';
import { asFloat, type SqlValue } from './sql-values.js';

function logarithm(f: (x: number) => number) {
  return (v: SqlValue): number | string => {
    const x = asFloat(v);
    if (x === 0) throw pgError('2201E', 'cannot take logarithm of zero');
    if (x < 0) throw pgError('2201E', 'cannot take logarithm of a negative number');
    return floatResult(f(x));
  };
}

export function registerFloatMath(db: Database.Database): void {
  scalar(db, 'pgf_float_sqrt', strict((v) => {
    const x = asFloat(v);
    if (x < 0) throw pgError('2201F', 'cannot take square root of a negative number');
    return floatResult(Math.sqrt(x));
  }), true, true);
  scalar(db, 'pgf_float_ln', strict(logarithm(Math.log)), true, true);
  scalar(db, 'pgf_float_log10', strict(logarithm(Math.log10)), true, true);
}
