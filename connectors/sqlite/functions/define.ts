// Registration helpers: every pgf_* scalar is registered with varargs (optional arguments are common)
// and safeIntegers (so a bigint argument arrives exactly, as bigint; functions accept number or bigint).
import type Database from 'better-sqlite3';
import type { SqlValue } from './sql-values.js';

export type SqlResult = number | bigint | string | Buffer | null;
export type ScalarFn = (...args: SqlValue[]) => SqlResult;

export function scalar(db: Database.Database, name: string, fn: ScalarFn, deterministic = true): void {
  db.function(name, { varargs: true, deterministic, safeIntegers: true }, fn);
}

/** Wraps `fn` so any NULL argument gives NULL (Postgres strict functions). */
export function strict(fn: ScalarFn): ScalarFn {
  return (...args) => (args.some((a) => a === null || a === undefined) ? null : fn(...args));
}

/** A SQLite integer result: a number when exact, otherwise bigint. */
export function intResult(value: bigint): number | bigint {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

/** A float8 result in storage form: NaN and infinities are stored as TEXT. */
export function floatResult(value: number): number | string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  return value;
}

export type AggregateSpec<S> = {
  start: () => S;
  step: (state: S, ...args: SqlValue[]) => S;
  result: (state: S) => SqlResult;
};

/**
 * Registers an aggregate with a fresh state object per group (`start` is called for each one).
 * The cast bridges @types/better-sqlite3, which types step's argument as the state's element type.
 */
export function aggregate<S>(db: Database.Database, name: string, spec: AggregateSpec<S>): void {
  const options = {
    start: spec.start,
    step: (state: S, ...args: SqlValue[]) => spec.step(state, ...args),
    result: spec.result,
    varargs: true,
    safeIntegers: true,
  };
  db.aggregate(name, options as unknown as Database.AggregateOptions);
}
