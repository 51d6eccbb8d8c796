// Aggregates with Postgres results, usable as window functions (each has an inverse):
// numeric sum/avg/min/max (avg of integers is numeric too), sum(bigint) as numeric, float8 sum/avg
// (naive left-to-right summation, as Postgres), interval sum/avg/min/max, bool_and/or, string_agg, and
// the float8 variance family (Youngs-Cramer accumulation, as float8_accum, so results match to the bit).
import type Database from 'better-sqlite3';
import { aggregate, floatResult, type SqlResult } from './define.js';
import { addIntervals, divideInterval, formatInterval, intervalKeyUs, negateInterval, parseInterval, ZERO_INTERVAL, type Interval } from './interval.js';
import * as D from './numeric-decimal.js';
import { toDecimal } from './numeric-values.js';
import { asBool, asFloat, asText, isNull, type SqlValue } from './sql-values.js';

// `scales` counts the scale of each value in the frame: the result has the largest scale still present
// (Postgres restarts a moving sum when its max-scale value leaves the frame).
type NumState = { sum: D.Decimal; count: bigint; scales: Map<number, number> };
type IntervalState = { sum: Interval; count: number };
/** Rows of the current frame, oldest first; for aggregates recomputed from their rows. */
type Queue<T> = { rows: T[] };

function numSum(db: Database.Database, name: string, result: (s: NumState) => string | null): void {
  aggregate<NumState>(db, name, {
    start: () => ({ sum: D.finite(0n, 0), count: 0n, scales: new Map() }),
    step: (state, value) => {
      if (isNull(value)) return state;
      const d = toDecimal(value);
      state.sum = D.add(state.sum, d);
      state.count += 1n;
      const scale = d.kind === 'finite' ? d.scale : 0;
      state.scales.set(scale, (state.scales.get(scale) ?? 0) + 1);
      return state;
    },
    inverse: (state, value) => {
      if (isNull(value)) return state;
      const d = toDecimal(value);
      state.sum = D.sub(state.sum, d);
      state.count -= 1n;
      const scale = d.kind === 'finite' ? d.scale : 0;
      const left = (state.scales.get(scale) ?? 1) - 1;
      if (left === 0) state.scales.delete(scale);
      else state.scales.set(scale, left);
      return state;
    },
    result: (state) => {
      if (state.count === 0n) return null;
      const scale = Math.max(0, ...state.scales.keys());
      return result({ ...state, sum: D.rescale(state.sum, scale) });
    },
  });
}

/** An aggregate over the rows of the frame (non-NULL values only), recomputed when asked. */
function queued<T>(db: Database.Database, name: string, read: (v: SqlValue, ...rest: SqlValue[]) => T | null,
  finish: (rows: T[]) => SqlResult, real = false): void {
  aggregate<Queue<T | null>>(db, name, {
    start: () => ({ rows: [] }),
    step: (state, value, ...rest) => {
      state.rows.push(isNull(value) ? null : read(value, ...rest));
      return state;
    },
    inverse: (state) => {
      state.rows.shift();
      return state;
    },
    result: (state) => {
      const rows = state.rows.filter((r): r is T => r !== null);
      return rows.length === 0 ? null : finish(rows);
    },
    real,
  });
}

function pick(rows: D.Decimal[], wanted: number): string {
  let best = rows[0] as D.Decimal;
  for (const d of rows) if (D.compare(d, best) === wanted) best = d;
  return D.formatDecimal(best);
}

function pickInterval(rows: string[], wanted: number): string {
  let best = rows[0] as string;
  let bestKey = intervalKeyUs(parseInterval(best));
  for (const r of rows) {
    const key = intervalKeyUs(parseInterval(r));
    if ((key > bestKey && wanted > 0) || (key < bestKey && wanted < 0)) [best, bestKey] = [r, key];
  }
  return formatInterval(parseInterval(best));
}

/** Youngs-Cramer N, Sx, Sxx over the rows, in order. */
function accumulate(rows: number[]): { n: number; sx: number; sxx: number } {
  let n = 0;
  let sx = 0;
  let sxx = 0;
  for (const x of rows) {
    const before = n;
    n += 1;
    sx += x;
    if (before > 0) {
      const tmp = x * n - sx;
      sxx += (tmp * tmp) / (n * before);
    } else {
      sxx = Number.isFinite(x) ? 0 : NaN;
    }
  }
  return { n, sx, sxx };
}

function floatStat(db: Database.Database, name: string, finish: (s: { n: number; sx: number; sxx: number }) => number | null): void {
  queued<number>(db, name, (v) => asFloat(v), (rows) => {
    const r = finish(accumulate(rows));
    return r === null ? null : floatResult(r);
  }, true);
}

export function registerAggregates(db: Database.Database): void {
  numSum(db, 'pgf_num_sum', (s) => D.formatDecimal(s.sum));
  numSum(db, 'pgf_int_sum8', (s) => D.formatDecimal(s.sum));
  numSum(db, 'pgf_num_avg', (s) => D.formatDecimal(D.div(s.sum, D.finite(s.count, 0))));
  queued<D.Decimal>(db, 'pgf_num_min', toDecimal, (rows) => pick(rows, -1));
  queued<D.Decimal>(db, 'pgf_num_max', toDecimal, (rows) => pick(rows, 1));

  queued<number>(db, 'pgf_float_sum', (v) => asFloat(v), (rows) => floatResult(rows.reduce((a, b) => a + b, 0)), true);
  floatStat(db, 'pgf_float_avg', (s) => s.sx / s.n);
  floatStat(db, 'pgf_var_pop', (s) => s.sxx / s.n);
  floatStat(db, 'pgf_var_samp', (s) => (s.n <= 1 ? null : s.sxx / (s.n - 1)));
  floatStat(db, 'pgf_stddev_pop', (s) => Math.sqrt(s.sxx / s.n));
  floatStat(db, 'pgf_stddev_samp', (s) => (s.n <= 1 ? null : Math.sqrt(s.sxx / (s.n - 1))));

  const intervalSum = (name: string, finish: (s: IntervalState) => Interval): void =>
    aggregate<IntervalState>(db, name, {
      start: () => ({ sum: ZERO_INTERVAL, count: 0 }),
      step: (state, value) => {
        if (isNull(value)) return state;
        state.sum = addIntervals(state.sum, parseInterval(asText(value)));
        state.count += 1;
        return state;
      },
      inverse: (state, value) => {
        if (isNull(value)) return state;
        state.sum = addIntervals(state.sum, negateInterval(parseInterval(asText(value))));
        state.count -= 1;
        return state;
      },
      result: (state) => (state.count === 0 ? null : formatInterval(finish(state))),
    });
  intervalSum('pgf_interval_sum', (s) => s.sum);
  intervalSum('pgf_interval_avg', (s) => divideInterval(s.sum, s.count));
  queued<string>(db, 'pgf_interval_min', (v) => asText(v), (rows) => pickInterval(rows, -1));
  queued<string>(db, 'pgf_interval_max', (v) => asText(v), (rows) => pickInterval(rows, 1));

  queued<boolean>(db, 'pgf_bool_and', (v) => asBool(v), (rows) => (rows.every(Boolean) ? 1 : 0));
  queued<boolean>(db, 'pgf_bool_or', (v) => asBool(v), (rows) => (rows.some(Boolean) ? 1 : 0));
  // string_agg: NULL values are skipped (with their separator); NULL when nothing was aggregated.
  queued<[string, string]>(db, 'pgf_string_agg', (v, sep) => [asText(v), isNull(sep ?? null) ? '' : asText(sep ?? null)],
    (rows) => rows.map(([v, sep], i) => (i === 0 ? v : sep + v)).join(''));
}
