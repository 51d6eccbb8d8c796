// date_trunc and extract/date_part: which fields exist for which kind, and the numeric scale Postgres 14+
// gives each extract result (seconds and epoch to 6 places, milliseconds to 3, the rest integers).
import {
  dayOfWeek, daysFromCivil, floorDiv, fromFields, isInfiniteTs, isoWeek, julianDay,
  toFields, TS_NEG_INFINITY, US_PER_DAY, US_PER_HOUR, US_PER_MINUTE, US_PER_SECOND,
} from './datetime-core.js';
import { pgError } from './errors.js';
import type { Interval } from './interval.js';
import { add as addDecimal, div as divDecimal, finite, type Decimal } from './numeric-decimal.js';
import type { PointKind, TemporalKind } from './datetime-values.js';

const UNIT_NAMES: Record<string, string> = {
  microsecond: 'microseconds', microseconds: 'microseconds', us: 'microseconds', usec: 'microseconds', usecs: 'microseconds',
  millisecond: 'milliseconds', milliseconds: 'milliseconds', ms: 'milliseconds', msec: 'milliseconds', msecs: 'milliseconds',
  second: 'second', seconds: 'second', sec: 'second', secs: 'second', s: 'second',
  minute: 'minute', minutes: 'minute', min: 'minute', mins: 'minute', m: 'minute',
  hour: 'hour', hours: 'hour', hr: 'hour', hrs: 'hour', h: 'hour',
  day: 'day', days: 'day', d: 'day', week: 'week', weeks: 'week', w: 'week',
  month: 'month', months: 'month', mon: 'month', mons: 'month',
  quarter: 'quarter', qtr: 'quarter', year: 'year', years: 'year', yr: 'year', yrs: 'year', y: 'year',
  decade: 'decade', decades: 'decade', dec: 'decade', century: 'century', centuries: 'century', c: 'century',
  millennium: 'millennium', millennia: 'millennium', mil: 'millennium',
  epoch: 'epoch', dow: 'dow', isodow: 'isodow', doy: 'doy', isoyear: 'isoyear', julian: 'julian', j: 'julian',
  timezone: 'timezone', timezone_hour: 'timezone_hour', timezone_minute: 'timezone_minute',
};

const TYPE_NAMES: Record<TemporalKind, string> = {
  date: 'date', timestamp: 'timestamp without time zone', timestamptz: 'timestamp with time zone',
  time: 'time without time zone', interval: 'interval',
};

export function normalizeUnit(unit: string, kind: TemporalKind): string {
  const name = UNIT_NAMES[unit.trim().toLowerCase()];
  if (name === undefined) {
    throw pgError('22023', `unit "${unit.toLowerCase()}" not recognized for type ${TYPE_NAMES[kind]}`);
  }
  return name;
}

function unsupported(unit: string, kind: TemporalKind): Error {
  return pgError('0A000', `unit "${unit}" not supported for type ${TYPE_NAMES[kind]}`);
}

function centuryStart(year: number, span: number): number {
  // 2001-01-01 starts the 21st century; for BC years Postgres mirrors the rule.
  return year > 0 ? Math.floor((year + span - 1) / span) * span - (span - 1) : -(Math.floor((span - 1 - (year - 1)) / span) * span) + 1;
}

/** date_trunc on a timestamp value (microseconds); `unit` already normalised. */
export function truncatePoint(unit: string, ts: bigint, kind: TemporalKind): bigint {
  if (isInfiniteTs(ts)) return ts;
  const f = toFields(ts);
  const z = { ...f };
  const zeroBelow = (level: number): void => {
    if (level <= 6) z.micro = 0;
    if (level <= 5) z.second = 0;
    if (level <= 4) z.minute = 0;
    if (level <= 3) z.hour = 0;
    if (level <= 2) z.day = 1;
    if (level <= 1) z.month = 1;
  };
  switch (unit) {
    case 'microseconds': return ts;
    case 'milliseconds': z.micro = z.micro - (z.micro % 1000); break;
    case 'second': zeroBelow(6); break;
    case 'minute': zeroBelow(5); break;
    case 'hour': zeroBelow(4); break;
    case 'day': zeroBelow(3); break;
    case 'week': {
      const days = Number(floorDiv(ts, US_PER_DAY));
      const monday = days - ((dayOfWeek(days) + 6) % 7);
      return BigInt(monday) * US_PER_DAY;
    }
    case 'month': zeroBelow(2); break;
    case 'quarter': zeroBelow(2); z.month = Math.floor((f.month - 1) / 3) * 3 + 1; break;
    case 'year': zeroBelow(1); break;
    case 'decade': zeroBelow(1); z.year = f.year > 0 ? f.year - (f.year % 10) : -(Math.floor((9 - (f.year - 1)) / 10) * 10) + 1; break;
    case 'century': zeroBelow(1); z.year = centuryStart(f.year, 100); break;
    case 'millennium': zeroBelow(1); z.year = centuryStart(f.year, 1000); break;
    default: throw unsupported(unit, kind);
  }
  return fromFields(z);
}

export function truncateInterval(unit: string, i: Interval): Interval {
  const years = Math.trunc(i.months / 12);
  const months = i.months % 12;
  const per = (u: bigint): bigint => (i.us / u) * u;
  switch (unit) {
    case 'microseconds': return i;
    case 'milliseconds': return { ...i, us: per(1000n) };
    case 'second': return { ...i, us: per(US_PER_SECOND) };
    case 'minute': return { ...i, us: per(US_PER_MINUTE) };
    case 'hour': return { ...i, us: per(US_PER_HOUR) };
    case 'day': return { ...i, us: 0n };
    case 'month': return { months: i.months, days: 0, us: 0n };
    case 'quarter': return { months: years * 12 + Math.trunc(months / 3) * 3, days: 0, us: 0n };
    case 'year': return { months: years * 12, days: 0, us: 0n };
    case 'decade': return { months: Math.trunc(years / 10) * 120, days: 0, us: 0n };
    case 'century': return { months: Math.trunc(years / 100) * 1200, days: 0, us: 0n };
    case 'millennium': return { months: Math.trunc(years / 1000) * 12000, days: 0, us: 0n };
    default: throw unsupported(unit, 'interval');
  }
}

/** Decimal with `scale` places from an integer count of 10^-scale units. */
function scaled(units: bigint, scale: number): Decimal {
  return finite(units, scale);
}

function int(n: number): Decimal {
  return finite(BigInt(n), 0);
}

function yearField(year: number): number {
  return year > 0 ? year : year - 1;
}

/** extract(field from point): `ts` is microseconds (a date's midnight for kind `date`). */
export function extractPoint(unit: string, ts: bigint, kind: PointKind): Decimal {
  if (isInfiniteTs(ts)) {
    const sign = ts === TS_NEG_INFINITY;
    if (['epoch', 'julian', 'year', 'decade', 'century', 'millennium', 'isoyear'].includes(unit)) {
      return { kind: 'inf', negative: sign };
    }
    return { kind: 'nan' };
  }
  const f = toFields(ts);
  const days = Number(floorDiv(ts, US_PER_DAY));
  const secondUnits = BigInt(f.second) * US_PER_SECOND + BigInt(f.micro);
  if (kind === 'time') {
    switch (unit) {
      case 'microseconds': return scaled(secondUnits, 0);
      case 'milliseconds': return scaled(secondUnits, 3);
      case 'second': return scaled(secondUnits, 6);
      case 'minute': return int(f.minute);
      case 'hour': return int(ts === US_PER_DAY ? 24 : f.hour);
      case 'epoch': return scaled(ts, 6);
      default: throw unsupported(unit, kind);
    }
  }
  const year = yearField(f.year);
  switch (unit) {
    case 'microseconds': case 'milliseconds': case 'second': case 'minute': case 'hour':
    case 'timezone': case 'timezone_hour': case 'timezone_minute':
      if (kind === 'date') throw unsupported(unit, kind);
      if (unit.startsWith('timezone')) {
        if (kind !== 'timestamptz') throw unsupported(unit, kind);
        return int(0);
      }
      if (unit === 'microseconds') return scaled(secondUnits, 0);
      if (unit === 'milliseconds') return scaled(secondUnits, 3);
      if (unit === 'second') return scaled(secondUnits, 6);
      return int(unit === 'minute' ? f.minute : f.hour);
    case 'day': return int(f.day);
    case 'month': return int(f.month);
    case 'quarter': return int(Math.floor((f.month - 1) / 3) + 1);
    case 'year': return int(year);
    case 'decade': return int(f.year >= 0 ? Math.floor(f.year / 10) : -Math.floor((8 - (f.year - 1)) / 10));
    case 'century': return int(f.year > 0 ? Math.floor((f.year + 99) / 100) : -Math.floor((99 - (f.year - 1)) / 100));
    case 'millennium': return int(f.year > 0 ? Math.floor((f.year + 999) / 1000) : -Math.floor((999 - (f.year - 1)) / 1000));
    case 'week': return int(isoWeek(days).week);
    case 'isoyear': {
      const iy = isoWeek(days).isoYear;
      return int(iy > 0 ? iy : iy - 1);
    }
    case 'dow': return int(dayOfWeek(days));
    case 'isodow': return int(dayOfWeek(days) || 7);
    case 'doy': return int(days - daysFromCivil(f.year, 1, 1) + 1);
    case 'epoch': return kind === 'date' ? int(days * 86400) : scaled(ts, 6);
    case 'julian': {
      if (kind === 'date') return int(julianDay(days));
      // julian day plus the fraction of the day, as Postgres computes it (numeric division).
      const dayUs = ts - BigInt(days) * US_PER_DAY;
      if (dayUs === 0n) return int(julianDay(days));
      return fractionOfDay(julianDay(days), dayUs);
    }
    default: throw unsupported(unit, kind);
  }
}

function fractionOfDay(julian: number, dayUs: bigint): Decimal {
  // Postgres adds (time of day in seconds) / 86400 as a numeric division.
  const whole = finite(BigInt(julian), 0);
  const frac = divDecimal(finite(dayUs, 6), finite(86400n, 0));
  return addDecimal(whole, frac);
}

export function extractInterval(unit: string, i: Interval): Decimal {
  const years = Math.trunc(i.months / 12);
  const months = i.months % 12;
  const hours = i.us / US_PER_HOUR;
  const minutes = (i.us % US_PER_HOUR) / US_PER_MINUTE;
  const secondUnits = i.us % US_PER_MINUTE;
  switch (unit) {
    case 'microseconds': return scaled(secondUnits, 0);
    case 'milliseconds': return scaled(secondUnits, 3);
    case 'second': return scaled(secondUnits, 6);
    case 'minute': return finite(minutes, 0);
    case 'hour': return finite(hours, 0);
    case 'day': return int(i.days);
    case 'month': return int(months);
    case 'quarter': return int(Math.trunc(months / 3) + 1);
    case 'year': return int(years);
    case 'decade': return int(Math.trunc(years / 10));
    case 'century': return int(Math.trunc(years / 100));
    case 'millennium': return int(Math.trunc(years / 1000));
    case 'epoch': {
      // A year counts 365.25 days here (DAYS_PER_YEAR), a month 30.
      const seconds = BigInt(years) * 31_557_600n + BigInt(30 * months + i.days) * 86400n;
      return scaled(seconds * US_PER_SECOND + i.us, 6);
    }
    default: throw unsupported(unit, 'interval');
  }
}
