// + - * on smallint/integer/bigint with Postgres's overflow errors: SQLite computes in 64 bits and turns
// an int64 overflow into a REAL, and knows nothing of int2/int4 ranges, so `2147483647::int + 1` would
// silently answer 2147483648. pgf_int_add/sub/mul(a, b, bits) answer the exact value or fail with 22003.
import type Database from 'better-sqlite3';
import { outOfRange } from './errors.js';
import { intResult, scalar, strict } from './define.js';
import { asBigInt, type SqlValue } from './sql-values.js';

const RANGES: Record<number, { min: bigint; max: bigint; message: string }> = {
  16: { min: -(2n ** 15n), max: 2n ** 15n - 1n, message: 'smallint out of range' },
  32: { min: -(2n ** 31n), max: 2n ** 31n - 1n, message: 'integer out of range' },
  64: { min: -(2n ** 63n), max: 2n ** 63n - 1n, message: 'bigint out of range' },
};

function checked(op: (a: bigint, b: bigint) => bigint) {
  return (a: SqlValue, b: SqlValue, bits: SqlValue): bigint => {
    const range = RANGES[Number(bits)] ?? RANGES[64]!;
    const r = op(asBigInt(a), asBigInt(b));
    if (r < range.min || r > range.max) throw outOfRange(range.message);
    return intResult(r);
  };
}

export function registerIntArithmetic(db: Database.Database): void {
  scalar(db, 'pgf_int_add', strict(checked((a, b) => a + b)));
  scalar(db, 'pgf_int_sub', strict(checked((a, b) => a - b)));
  scalar(db, 'pgf_int_mul', strict(checked((a, b) => a * b)));
}
