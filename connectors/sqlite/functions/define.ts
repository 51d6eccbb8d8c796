// Registration helpers: every pgf_* scalar is registered with varargs (optional arguments are common)
// and safeIntegers (so a bigint argument arrives exactly, as bigint; functions accept number or bigint).
import type Database from 'better-sqlite3';
import type { SqlValue } from './sql-values.js';

export type SqlResult = number | bigint | string | Buffer | null;
export type ScalarFn = (...args: SqlValue[]) => SqlResult;

/**
 * better-sqlite3 turns every JS number result into a REAL, so integral numbers are returned as bigint
 * (SQLite INTEGER) unless the function's result type is float (`real`).
 */
export function scalar(db: Database.Database, name: string, fn: ScalarFn, deterministic = true, real = false): void {
  db.function(name, { varargs: true, deterministic, safeIntegers: true }, real ? fn : (...args: SqlValue[]) => integral(fn(...args)));
}

/** An integral JS number as a SQLite INTEGER (bigint); other values unchanged. */
export function integral(value: SqlResult): SqlResult {
  return typeof value === 'number' && Number.isInteger(value) ? BigInt(value) : value;
}

/** Wraps `fn` so any NULL argument gives NULL (Postgres strict functions). */
export function strict(fn: ScalarFn): ScalarFn {
  return (...args) => (args.some((a) => a === null || a === undefined) ? null : fn(...args));
}

/** A SQLite INTEGER result (a JS number would become REAL). */
export function intResult(value: bigint): bigint {
  return value;
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
  /** Removes the oldest row still in the window frame (SQLite removes rows in the order it added them). */
  inverse?: (state: S, ...args: SqlValue[]) => S;
  /** float8 result: numbers stay REAL. */
  real?: boolean;
};

/**
 * Registers an aggregate with a fresh state object per group (`start` is called for each one). With an
 * `inverse` it also runs as a window function over moving frames.
 * The cast bridges @types/better-sqlite3, which types step's argument as the state's element type.
 */
export function aggregate<S>(db: Database.Database, name: string, spec: AggregateSpec<S>): void {
  const options = {
    start: spec.start,
    step: (state: S, ...args: SqlValue[]) => spec.step(state, ...args),
    ...(spec.inverse ? { inverse: spec.inverse } : {}),
    result: spec.real ? spec.result : (state: S) => integral(spec.result(state)),
    varargs: true,
    safeIntegers: true,
  };
  db.aggregate(name, options as unknown as Database.AggregateOptions);
}
