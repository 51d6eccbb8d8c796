// Registers the date/time pgf_* functions (see DESIGN.md); values travel in their storage text form.
import type Database from 'better-sqlite3';
import { TS_NEG_INFINITY, TS_POS_INFINITY, US_PER_DAY } from './datetime-core.js';
import { formatDate, formatTimestamptz } from './datetime-format.js';
import { parseDate } from './datetime-parse.js';
import { addToTimestamp, age, dateBin, localToUtc, makeDate, makeInterval, timestampDiff, utcToLocal } from './datetime-arith.js';
import { extractInterval, extractPoint, normalizeUnit, truncateInterval, truncatePoint } from './datetime-fields.js';
import { readInterval, readPoint, temporalKind, writeInterval, writePoint, type PointKind } from './datetime-values.js';
import { scalar, strict } from './define.js';
import { pgError } from './errors.js';
import {
  addIntervals, intervalKeySeconds, justifyDays, justifyHours, justifyInterval, multiplyInterval, negateInterval, type Interval,
} from './interval.js';
import { formatDecimal, type Decimal } from './numeric-decimal.js';
import { asFloat, asInt, asText, type SqlValue } from './sql-values.js';

export type Clock = { transactionTimestamp(): string };

function extractAny(field: SqlValue, value: SqlValue, kindValue: SqlValue): Decimal {
  const kind = temporalKind(kindValue);
  const unit = normalizeUnit(asText(field), kind);
  if (kind === 'interval') return extractInterval(unit, readInterval(value));
  return extractPoint(unit, readPoint(value, kind), kind);
}

function withInterval(value: SqlValue, kindValue: SqlValue, i: Interval): string {
  const kind = temporalKind(kindValue);
  if (kind === 'interval') return writeInterval(addIntervals(readInterval(value), i));
  if (kind === 'time') {
    const us = (((readPoint(value, 'time') + i.us) % US_PER_DAY) + US_PER_DAY) % US_PER_DAY;
    return writePoint(us, 'time');
  }
  // date + interval is a timestamp.
  const out: PointKind = kind === 'date' ? 'timestamp' : kind;
  return writePoint(addToTimestamp(readPoint(value, kind), i), out);
}

function nowMicros(): bigint {
  return BigInt(Math.round((performance.timeOrigin + performance.now()) * 1000));
}

export function registerDateTimeFunctions(db: Database.Database, clock: Clock): void {
  scalar(db, 'pgf_now', () => clock.transactionTimestamp(), false);
  scalar(db, 'pgf_clock', () => formatTimestamptz(nowMicros()), false);

  scalar(db, 'pgf_date_trunc', strict((unitValue, value, kindValue) => {
    const kind = temporalKind(kindValue);
    const unit = normalizeUnit(asText(unitValue), kind);
    if (kind === 'interval') return writeInterval(truncateInterval(unit, readInterval(value)));
    if (kind === 'time') throw pgError('42883', 'function date_trunc(unknown, time without time zone) does not exist');
    // date_trunc on a date runs on the date as timestamptz, and returns timestamptz.
    const out: PointKind = kind === 'date' ? 'timestamptz' : kind;
    return writePoint(truncatePoint(unit, readPoint(value, kind), kind), out);
  }));
  scalar(db, 'pgf_extract', strict((f, v, k) => formatDecimal(extractAny(f, v, k))));
  scalar(db, 'pgf_date_part', strict((f, v, k) => {
    const d = extractAny(f, v, k);
    if (d.kind === 'nan') return 'NaN';
    if (d.kind === 'inf') return d.negative ? '-Infinity' : 'Infinity';
    return Number(formatDecimal(d));
  }), true, true);

  scalar(db, 'pgf_dt_add', strict((v, k, i) => withInterval(v, k, readInterval(i))));
  scalar(db, 'pgf_dt_sub', strict((v, k, i) => withInterval(v, k, negateInterval(readInterval(i)))));
  scalar(db, 'pgf_dt_diff', strict((a, b, k) => {
    const kind = temporalKind(k);
    if (kind === 'interval') return writeInterval(addIntervals(readInterval(a), negateInterval(readInterval(b))));
    if (kind === 'time') return writeInterval({ months: 0, days: 0, us: readPoint(a, 'time') - readPoint(b, 'time') });
    return writeInterval(timestampDiff(readPoint(a, kind), readPoint(b, kind)));
  }));
  scalar(db, 'pgf_date_add_days', strict((d, n) => {
    const days = parseDate(asText(d));
    if (!Number.isFinite(days)) return formatDate(days);
    return formatDate(days + asInt(n));
  }));
  scalar(db, 'pgf_date_diff', strict((a, b) => {
    const x = parseDate(asText(a));
    const y = parseDate(asText(b));
    if (!Number.isFinite(x) || !Number.isFinite(y)) throw pgError('22008', 'cannot subtract infinite dates');
    return x - y;
  }));

  scalar(db, 'pgf_interval_add', strict((a, b) => writeInterval(addIntervals(readInterval(a), readInterval(b)))));
  scalar(db, 'pgf_interval_sub', strict((a, b) => writeInterval(addIntervals(readInterval(a), negateInterval(readInterval(b))))));
  scalar(db, 'pgf_interval_mul', strict((a, n) => writeInterval(multiplyInterval(readInterval(a), asFloat(n)))));
  scalar(db, 'pgf_interval_neg', strict((a) => writeInterval(negateInterval(readInterval(a)))));
  scalar(db, 'pgf_interval_key', strict((a) => intervalKeySeconds(readInterval(a))), true, true);
  scalar(db, 'pgf_justify_days', strict((a) => writeInterval(justifyDays(readInterval(a)))));
  scalar(db, 'pgf_justify_hours', strict((a) => writeInterval(justifyHours(readInterval(a)))));
  scalar(db, 'pgf_justify_interval', strict((a) => writeInterval(justifyInterval(readInterval(a)))));

  // age(a, b) on timestamps (timestamptz storage is accepted too: the zone is UTC).
  scalar(db, 'pgf_age', strict((a, b, k) => {
    const kind = k === undefined ? 'timestamp' : temporalKind(k);
    const pk: PointKind = kind === 'interval' || kind === 'time' ? 'timestamp' : kind;
    return writeInterval(age(readPoint(a, pk), readPoint(b, pk)));
  }));

  scalar(db, 'pgf_make_date', strict((y, m, d) => formatDate(makeDate(asInt(y), asInt(m), asInt(d)))));
  scalar(db, 'pgf_make_interval', (...args: SqlValue[]) => {
    const n = (i: number): number => (args[i] === null || args[i] === undefined ? 0 : asFloat(args[i] ?? 0));
    return writeInterval(makeInterval(n(0), n(1), n(2), n(3), n(4), n(5), n(6)));
  });
  scalar(db, 'pgf_to_timestamp_epoch', strict((n) => {
    const seconds = asFloat(n);
    if (Number.isNaN(seconds)) throw pgError('22008', 'timestamp cannot be NaN');
    if (seconds === Infinity) return writePoint(TS_POS_INFINITY, 'timestamptz');
    if (seconds === -Infinity) return writePoint(TS_NEG_INFINITY, 'timestamptz');
    return writePoint(BigInt(Math.round(seconds * 1e6)), 'timestamptz');
  }));
  scalar(db, 'pgf_date_bin', strict((stride, v, origin) => {
    const kind: PointKind = /[+-]\d\d$/.test(asText(v)) ? 'timestamptz' : 'timestamp';
    return writePoint(dateBin(readInterval(stride), readPoint(v, kind), readPoint(origin, kind)), kind);
  }));
  scalar(db, 'pgf_timezone', strict((zone, v, k) => {
    const kind = temporalKind(k);
    if (kind === 'timestamptz') return writePoint(utcToLocal(asText(zone), readPoint(v, kind)), 'timestamp');
    if (kind === 'timestamp' || kind === 'date') return writePoint(localToUtc(asText(zone), readPoint(v, kind)), 'timestamptz');
    throw pgError('0A000', `AT TIME ZONE is not supported for ${kind}`);
  }));
}
