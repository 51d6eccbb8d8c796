// Scalar numeric and integer arithmetic: pgf_num_*, pgf_int_div/mod, pgf_float_div.
import type Database from 'better-sqlite3';
import { divisionByZero, outOfRange } from './errors.js';
import { floatResult, intResult, scalar, strict } from './define.js';
import * as D from './numeric-decimal.js';
import { numericFn, toDecimal } from './numeric-values.js';
import { asBigInt, asFloat, asInt, isNull, type SqlValue } from './sql-values.js';

const INT8_MIN = -(2n ** 63n);
const INT8_MAX = 2n ** 63n - 1n;

function roundingFn(truncate: boolean) {
  return (value: SqlValue, digits?: SqlValue) => {
    if (isNull(value) || (digits !== undefined && isNull(digits))) return null;
    const d = toDecimal(value);
    const places = digits === undefined ? 0 : asInt(digits);
    return D.formatDecimal(D.roundAt(d, Math.max(-1000, Math.min(1000, places)), truncate));
  };
}

export function registerNumericFunctions(db: Database.Database): void {
  scalar(db, 'pgf_num_add', numericFn(D.add));
  scalar(db, 'pgf_num_sub', numericFn(D.sub));
  scalar(db, 'pgf_num_mul', numericFn(D.mul));
  scalar(db, 'pgf_num_div', numericFn(D.div));
  scalar(db, 'pgf_num_mod', numericFn(D.mod));
  scalar(db, 'pgf_num_neg', numericFn(D.negate));
  scalar(db, 'pgf_num_abs', numericFn(D.abs));
  scalar(db, 'pgf_num_ceil', numericFn(D.ceil));
  scalar(db, 'pgf_num_floor', numericFn(D.floor));
  scalar(db, 'pgf_num_sqrt', numericFn(D.sqrt));
  scalar(db, 'pgf_num_pow', numericFn(D.power));
  scalar(db, 'pgf_num_round', roundingFn(false));
  scalar(db, 'pgf_num_trunc', roundingFn(true));
  scalar(db, 'pgf_num_cmp', strict((a, b) => D.compare(toDecimal(a), toDecimal(b))));
  scalar(db, 'pgf_num_key', strict((a) => numericKey(a)), true, true);

  // round(float8): half to even, as C rint.
  scalar(db, 'pgf_float_round', strict((a) => {
    const x = asFloat(a);
    if (!Number.isFinite(x)) return floatResult(x);
    const floor = Math.floor(x);
    const diff = x - floor;
    const r = diff > 0.5 ? floor + 1 : diff < 0.5 ? floor : floor % 2 === 0 ? floor : floor + 1;
    return floatResult(r === 0 && x < 0 ? -0 : r);
  }), true, true);
  scalar(db, 'pgf_int_div', strict((a, b) => {
    const x = asBigInt(a);
    const y = asBigInt(b);
    if (y === 0n) throw divisionByZero();
    const q = x / y;
    if (q > INT8_MAX || q < INT8_MIN) throw outOfRange('bigint out of range');
    return intResult(q);
  }));
  scalar(db, 'pgf_int_mod', strict((a, b) => {
    const y = asBigInt(b);
    if (y === 0n) throw divisionByZero();
    return intResult(asBigInt(a) % y);
  }));
  scalar(db, 'pgf_float_div', strict((a, b) => {
    const y = asFloat(b);
    if (y === 0) throw divisionByZero();
    return floatResult(asFloat(a) / y);
  }), true, true);
}

/** A REAL that orders numerics like Postgres does (NaN sorts with +Infinity: a REAL has nothing above it). */
export function numericKey(value: SqlValue): number {
  const d = toDecimal(value);
  if (d.kind === 'nan') return Infinity;
  if (d.kind === 'inf') return d.negative ? -Infinity : Infinity;
  return Number(D.formatDecimal(d));
}
