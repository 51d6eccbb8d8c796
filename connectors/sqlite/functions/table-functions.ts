// Set-returning functions as SQLite table-valued functions (better-sqlite3 `db.table`): use them as
// `FROM pgf_generate_series(1, 10, 1)`; columns are named as in DESIGN.md.
import type Database from 'better-sqlite3';
import { arrayElements } from './arrays.js';
import { elementStorage } from './array-elements.js';
import { addToTimestamp } from './datetime-arith.js';
import { readInterval, readPoint, temporalKind, writePoint, type PointKind } from './datetime-values.js';
import { intResult } from './define.js';
import { pgError } from './errors.js';
import { jsonbText, toJsonb } from './json-value.js';
import { pgRegExp } from './like-regex.js';
import { add, compare, formatDecimal, isZero } from './numeric-decimal.js';
import { toDecimal } from './numeric-values.js';
import { asBigInt, asText, isNull, type SqlValue } from './sql-values.js';

type Row = SqlValue[];

function zeroStep(): Error {
  return pgError('22023', 'step size cannot equal zero');
}

function table(db: Database.Database, name: string, columns: string[], parameters: string[], rows: (...args: SqlValue[]) => Generator<Row>): void {
  db.table(name, {
    columns,
    parameters,
    safeIntegers: true,
    rows: rows as (...params: unknown[]) => Generator,
  });
}

export function registerTableFunctions(db: Database.Database): void {
  table(db, 'pgf_generate_series', ['value'], ['start', 'stop', 'step'], function* (start, stop, step) {
    if (isNull(start ?? null) || isNull(stop ?? null)) return;
    const by = isNull(step ?? null) ? 1n : asBigInt(step ?? 1n);
    if (by === 0n) throw zeroStep();
    const end = asBigInt(stop ?? 0n);
    for (let v = asBigInt(start ?? 0n); by > 0n ? v <= end : v >= end; v += by) yield [intResult(v)];
  });
  table(db, 'pgf_generate_series_num', ['value'], ['start', 'stop', 'step'], function* (start, stop, step) {
    if (isNull(start ?? null) || isNull(stop ?? null)) return;
    const by = toDecimal(isNull(step ?? null) ? 1n : (step ?? 1n));
    if (isZero(by)) throw zeroStep();
    const end = toDecimal(stop ?? null);
    const up = compare(by, toDecimal(0n)) > 0;
    // The first value keeps the start's scale; the next ones are sums (the larger scale).
    let v = toDecimal(start ?? null);
    while (up ? compare(v, end) <= 0 : compare(v, end) >= 0) {
      yield [formatDecimal(v)];
      v = add(v, by);
    }
  });
  table(db, 'pgf_generate_series_ts', ['value'], ['start', 'stop', 'step', 'kind'], function* (start, stop, step, kindValue) {
    if (isNull(start ?? null) || isNull(stop ?? null) || isNull(step ?? null)) return;
    const kind = temporalKind(kindValue ?? 'timestamp') as PointKind;
    const readKind: PointKind = kind === 'date' ? 'timestamp' : kind;
    const interval = readInterval(step ?? null);
    let v = readPoint(start ?? null, kind === 'date' ? 'date' : readKind);
    const end = readPoint(stop ?? null, kind === 'date' ? 'date' : readKind);
    const next = addToTimestamp(v, interval);
    if (next === v) throw zeroStep();
    const up = next > v;
    while (up ? v <= end : v >= end) {
      yield [writePoint(v, readKind === 'timestamptz' ? 'timestamptz' : 'timestamp')];
      v = addToTimestamp(v, interval);
    }
  });
  table(db, 'pgf_unnest', ['value', 'ordinality'], ['array', 'elemType'], function* (array, elemType) {
    if (isNull(array ?? null)) return;
    let n = 0;
    for (const e of arrayElements(asText(array ?? null))) yield [elementStorage(e, asText(elemType ?? 'text')), BigInt(++n)];
  });
  // Two unnest() calls in one select list run in lockstep, the shorter padded with NULLs (Postgres 10+).
  table(db, 'pgf_unnest2', ['value1', 'value2', 'ordinality'], ['array1', 'elemType1', 'array2', 'elemType2'], function* (a1, t1, a2, t2) {
    const first = isNull(a1 ?? null) ? [] : [...arrayElements(asText(a1 ?? null))];
    const second = isNull(a2 ?? null) ? [] : [...arrayElements(asText(a2 ?? null))];
    for (let i = 0; i < Math.max(first.length, second.length); i++) {
      const v1 = i < first.length ? elementStorage(first[i]!, asText(t1 ?? 'text')) : null;
      const v2 = i < second.length ? elementStorage(second[i]!, asText(t2 ?? 'text')) : null;
      yield [v1, v2, BigInt(i + 1)];
    }
  });
  const each = (name: string, asTextValue: boolean): void =>
    table(db, name, ['key', 'value'], ['json'], function* (j) {
      if (isNull(j ?? null)) return;
      const tree = toJsonb(asText(j ?? null));
      if (tree.t !== 'obj') throw pgError('22023', `cannot call ${name.replace('pgf_', '')} on a non-object`);
      for (const [k, v] of tree.entries) yield [k, asTextValue ? (v.t === 'null' ? null : v.t === 'str' ? v.v : jsonbText(v)) : jsonbText(v)];
    });
  each('pgf_jsonb_each', false);
  each('pgf_jsonb_each_text', true);
  const elements = (name: string, asTextValue: boolean): void =>
    table(db, name, ['value'], ['json'], function* (j) {
      if (isNull(j ?? null)) return;
      const tree = toJsonb(asText(j ?? null));
      if (tree.t !== 'arr') throw pgError('22023', tree.t === 'obj' ? 'cannot extract elements from an object' : 'cannot extract elements from a scalar');
      for (const v of tree.items) yield [asTextValue ? (v.t === 'null' ? null : v.t === 'str' ? v.v : jsonbText(v)) : jsonbText(v)];
    });
  elements('pgf_jsonb_array_elements', false);
  elements('pgf_jsonb_array_elements_text', true);
  table(db, 'pgf_regexp_split_to_table', ['value'], ['string', 'pattern', 'flags'], function* (s, p, flags) {
    if (isNull(s ?? null) || isNull(p ?? null)) return;
    for (const part of asText(s ?? null).split(pgRegExp(asText(p ?? null), isNull(flags ?? null) ? '' : asText(flags ?? null)))) yield [part];
  });
}
