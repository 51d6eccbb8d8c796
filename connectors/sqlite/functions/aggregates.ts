// Aggregates with Postgres results: numeric sum/avg/min/max (avg of integers is numeric too),
// sum(bigint) as numeric, bool_and/or, string_agg, and the float8 variance family
// (Youngs-Cramer accumulation, as float8_accum does, so results match to the last bit).
import type Database from 'better-sqlite3';
import { aggregate, floatResult } from './define.js';
import * as D from './numeric-decimal.js';
import { toDecimal } from './numeric-values.js';
import { asBool, asFloat, asText, isNull, type SqlValue } from './sql-values.js';

type NumState = { sum: D.Decimal | null; count: bigint };
type PickState = { best: D.Decimal | null; text: string | null };
type BoolState = { value: boolean | null };
type TextState = { parts: string[]; any: boolean };
type FloatState = { n: number; sx: number; sxx: number };

function numSum(db: Database.Database, name: string, result: (s: NumState) => string | null): void {
  aggregate(db, name, {
    start: (): NumState => ({ sum: null, count: 0n }),
    step: (state: NumState, value: SqlValue) => {
      if (isNull(value)) return state;
      const d = toDecimal(value);
      state.sum = state.sum === null ? d : D.add(state.sum, d);
      state.count += 1n;
      return state;
    },
    result,
  });
}

function numPick(db: Database.Database, name: string, wanted: number): void {
  aggregate(db, name, {
    start: (): PickState => ({ best: null, text: null }),
    step: (state: PickState, value: SqlValue) => {
      if (isNull(value)) return state;
      const d = toDecimal(value);
      if (state.best === null || D.compare(d, state.best) === wanted) {
        state.best = d;
        state.text = D.formatDecimal(d);
      }
      return state;
    },
    result: (state: PickState) => state.text,
  });
}

function boolAgg(db: Database.Database, name: string, and: boolean): void {
  aggregate(db, name, {
    start: (): BoolState => ({ value: null }),
    step: (state: BoolState, value: SqlValue) => {
      if (isNull(value)) return state;
      const b = asBool(value);
      state.value = state.value === null ? b : and ? state.value && b : state.value || b;
      return state;
    },
    result: (state: BoolState) => (state.value === null ? null : state.value ? 1 : 0),
  });
}

function floatStat(db: Database.Database, name: string, finish: (s: FloatState) => number | null): void {
  aggregate(db, name, {
    start: (): FloatState => ({ n: 0, sx: 0, sxx: 0 }),
    step: (state: FloatState, value: SqlValue) => {
      if (isNull(value)) return state;
      const x = asFloat(value);
      const before = state.n;
      state.n += 1;
      state.sx += x;
      if (before > 0) {
        const tmp = x * state.n - state.sx;
        state.sxx += (tmp * tmp) / (state.n * before);
      } else {
        state.sxx = Number.isFinite(x) ? 0 : NaN;
      }
      return state;
    },
    result: (state: FloatState) => {
      const r = finish(state);
      return r === null ? null : floatResult(r);
    },
    real: true,
  });
}

export function registerAggregates(db: Database.Database): void {
  numSum(db, 'pgf_num_sum', (s) => (s.sum === null ? null : D.formatDecimal(s.sum)));
  numSum(db, 'pgf_int_sum8', (s) => (s.sum === null ? null : D.formatDecimal(s.sum)));
  numSum(db, 'pgf_num_avg', (s) => (s.sum === null ? null : D.formatDecimal(D.div(s.sum, D.finite(s.count, 0)))));
  numPick(db, 'pgf_num_min', -1);
  numPick(db, 'pgf_num_max', 1);
  boolAgg(db, 'pgf_bool_and', true);
  boolAgg(db, 'pgf_bool_or', false);
  floatStat(db, 'pgf_var_pop', (s) => (s.n === 0 ? null : s.sxx / s.n));
  floatStat(db, 'pgf_var_samp', (s) => (s.n <= 1 ? null : s.sxx / (s.n - 1)));
  floatStat(db, 'pgf_stddev_pop', (s) => (s.n === 0 ? null : Math.sqrt(s.sxx / s.n)));
  floatStat(db, 'pgf_stddev_samp', (s) => (s.n <= 1 ? null : Math.sqrt(s.sxx / (s.n - 1))));

  // string_agg: NULL values are skipped (with their separator); NULL when nothing was aggregated.
  aggregate(db, 'pgf_string_agg', {
    start: (): TextState => ({ parts: [], any: false }),
    step: (state: TextState, value: SqlValue, separator: SqlValue) => {
      if (isNull(value)) return state;
      if (state.any) state.parts.push(isNull(separator) ? '' : asText(separator));
      state.parts.push(asText(value));
      state.any = true;
      return state;
    },
    result: (state: TextState) => (state.any ? state.parts.join('') : null),
  });
}
