// Postgres interval: months, days and microseconds kept apart (a month is not a fixed number of days).
// Input (DecodeInterval's common forms and ISO 8601 `P…`), output (IntervalStyle postgres), arithmetic
// and the justify_* family.
import { US_PER_DAY, US_PER_HOUR, US_PER_MINUTE, US_PER_SECOND } from './datetime-core.js';
import { fractionText } from './datetime-format.js';
import { pgError } from './errors.js';

const invalidInput = (type: string, text: string): Error => pgError('22007', `invalid input syntax for type ${type}: "${text}"`);

export type Interval = { months: number; days: number; us: bigint };

export const ZERO_INTERVAL: Interval = { months: 0, days: 0, us: 0n };


const UNIT_ALIASES: Record<string, string> = {
  microsecond: 'us', microseconds: 'us', us: 'us', usec: 'us', usecs: 'us', useconds: 'us', usecond: 'us',
  millisecond: 'ms', milliseconds: 'ms', ms: 'ms', msec: 'ms', msecs: 'ms', mseconds: 'ms', msecond: 'ms',
  second: 's', seconds: 's', sec: 's', secs: 's', s: 's',
  minute: 'm', minutes: 'm', min: 'm', mins: 'm', m: 'm',
  hour: 'h', hours: 'h', hr: 'h', hrs: 'h', h: 'h',
  day: 'd', days: 'd', d: 'd',
  week: 'w', weeks: 'w', w: 'w',
  month: 'mon', months: 'mon', mon: 'mon', mons: 'mon',
  year: 'y', years: 'y', yr: 'y', yrs: 'y', y: 'y',
  decade: 'dec', decades: 'dec', dec: 'dec', decs: 'dec',
  century: 'c', centuries: 'c', cent: 'c', c: 'c',
  millennium: 'mil', millennia: 'mil', millenniums: 'mil', mil: 'mil', mils: 'mil',
};

const US_PER_UNIT: Record<string, number> = { us: 1, ms: 1000, s: 1e6, m: 6e7, h: 3.6e9 };

function addUnit(acc: { months: number; days: number; us: number }, unit: string, value: number): void {
  const whole = Math.trunc(value);
  const frac = value - whole;
  switch (unit) {
    case 'us': case 'ms': case 's': case 'm': case 'h':
      acc.us += value * (US_PER_UNIT[unit] ?? 0);
      return;
    case 'd':
      acc.days += whole;
      acc.us += frac * 86400e6;
      return;
    case 'w': {
      const days = value * 7;
      acc.days += Math.trunc(days);
      acc.us += (days - Math.trunc(days)) * 86400e6;
      return;
    }
    case 'mon': {
      acc.months += whole;
      const days = frac * 30;
      acc.days += Math.trunc(days);
      acc.us += (days - Math.trunc(days)) * 86400e6;
      return;
    }
    default: {
      const years = unit === 'y' ? 1 : unit === 'dec' ? 10 : unit === 'c' ? 100 : 1000;
      acc.months += whole * years * 12 + Math.round(frac * years * 12);
    }
  }
}

function parseIso(text: string): Interval | null {
  const m = /^P(?:(-?[\d.]+)Y)?(?:(-?[\d.]+)M)?(?:(-?[\d.]+)W)?(?:(-?[\d.]+)D)?(?:T(?:(-?[\d.]+)H)?(?:(-?[\d.]+)M)?(?:(-?[\d.]+)S)?)?$/i.exec(text);
  if (!m || text.length < 2) return null;
  const acc = { months: 0, days: 0, us: 0 };
  const units = ['y', 'mon', 'w', 'd', 'h', 'm', 's'];
  units.forEach((unit, i) => {
    const v = m[i + 1];
    if (v !== undefined) addUnit(acc, unit, Number(v));
  });
  return { months: acc.months, days: acc.days, us: BigInt(Math.round(acc.us)) };
}

const TIME_FIELD = /^([+-])?(\d+):(\d{1,2})(?::(\d{1,2})(?:\.(\d*))?)?$/;

/** Parses interval input: `1 day 02:03:04`, `2 hours 30 minutes`, `-00:00:01.5`, `@ 1 mon ago`, `P1Y2M`. */
export function parseInterval(text: string): Interval {
  const trimmed = text.trim();
  const iso = parseIso(trimmed);
  if (iso) return iso;
  const tokens = trimmed.toLowerCase().replace(/^@\s*/, '').match(/[+-]?\d*\.?\d+(?::\d+(?::\d+(?:\.\d*)?)?)?|[a-z]+/g);
  if (!tokens || tokens.join('').length === 0) throw invalidInput('interval', text);
  const acc = { months: 0, days: 0, us: 0 };
  let exactUs = 0n;
  let ago = false;
  let pending: number | null = null;
  // Reassemble to check nothing but numbers, units and spaces were in the input.
  if (trimmed.toLowerCase().replace(/^@\s*/, '').replace(/[+-]?\d*\.?\d+(?::\d+(?::\d+(?:\.\d*)?)?)?|[a-z]+|\s+/g, '') !== '') {
    throw invalidInput('interval', text);
  }
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] ?? '';
    const time = TIME_FIELD.exec(token);
    if (time) {
      if (pending !== null) {
        acc.days += pending; // `1 02:03:04`: a bare number before a time is days
        pending = null;
      }
      const sign = time[1] === '-' ? -1n : 1n;
      const [hours, minutes, seconds] = [BigInt(time[2] ?? 0), BigInt(time[3] ?? 0), BigInt(time[4] ?? 0)];
      const fraction = (time[5] ?? '').slice(0, 7).padEnd(7, '0');
      const micros = (BigInt(fraction) + 5n) / 10n;
      exactUs += sign * (hours * US_PER_HOUR + minutes * US_PER_MINUTE + seconds * US_PER_SECOND + micros);
      continue;
    }
    if (/^[+-]?\d*\.?\d+$/.test(token)) {
      if (pending !== null) throw invalidInput('interval', text);
      pending = Number(token);
      continue;
    }
    if (token === 'ago') {
      ago = true;
      continue;
    }
    const unit = UNIT_ALIASES[token];
    if (unit === undefined || pending === null) throw invalidInput('interval', text);
    if (unit === 's' && /\./.test(tokens[i - 1] ?? '')) {
      exactUs += BigInt(Math.round(pending * 1e6)); // seconds with a fraction: keep the microseconds exact
    } else {
      addUnit(acc, unit, pending);
    }
    pending = null;
  }
  if (pending !== null) exactUs += BigInt(Math.round(pending * 1e6)); // a bare number is seconds
  let result: Interval = { months: acc.months, days: acc.days, us: BigInt(Math.round(acc.us)) + exactUs };
  if (ago) result = negateInterval(result);
  return result;
}

function unitText(value: number, unit: string, state: { zero: boolean; before: boolean }): string {
  if (value === 0) return '';
  const text = `${state.zero ? '' : ' '}${state.before && value > 0 ? '+' : ''}${value} ${unit}${value !== 1 ? 's' : ''}`;
  state.before = value < 0;
  state.zero = false;
  return text;
}

/** IntervalStyle postgres: `1 year 2 mons 3 days 04:05:06.5`, `-1 days +02:00:00`, `00:00:00`. */
export function formatInterval(i: Interval): string {
  const years = Math.trunc(i.months / 12);
  const months = i.months - years * 12;
  const state = { zero: true, before: false };
  let out = unitText(years, 'year', state) + unitText(months, 'mon', state) + unitText(i.days, 'day', state);
  if (state.zero || i.us !== 0n) {
    const negative = i.us < 0n;
    let rest = negative ? -i.us : i.us;
    const hours = rest / US_PER_HOUR;
    rest -= hours * US_PER_HOUR;
    const minutes = rest / US_PER_MINUTE;
    rest -= minutes * US_PER_MINUTE;
    const seconds = rest / US_PER_SECOND;
    const micro = Number(rest - seconds * US_PER_SECOND);
    const sign = negative ? '-' : state.before ? '+' : '';
    const two = (n: bigint): string => n.toString().padStart(2, '0');
    out += `${state.zero ? '' : ' '}${sign}${two(hours)}:${two(minutes)}:${two(seconds)}${fractionText(micro)}`;
  }
  return out;
}

export function negateInterval(i: Interval): Interval {
  return { months: -i.months || 0, days: -i.days || 0, us: -i.us };
}

export function addIntervals(a: Interval, b: Interval): Interval {
  return { months: a.months + b.months, days: a.days + b.days, us: a.us + b.us };
}

/** Postgres interval_mul: fractional months and days cascade down to days and time. */
export function multiplyInterval(i: Interval, factor: number): Interval {
  if (!Number.isFinite(factor)) throw pgError('22003', 'interval out of range');
  return scaleInterval(i, (x) => x * factor);
}

/** Postgres interval_div (same cascade as interval_mul, dividing each field). */
export function divideInterval(i: Interval, divisor: number): Interval {
  if (divisor === 0) throw pgError('22012', 'division by zero');
  return scaleInterval(i, (x) => x / divisor);
}

/** C rint: round half to even. */
export function rint(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff !== 0.5) return Math.round(x);
  return floor % 2 === 0 ? floor : floor + 1;
}

function scaleInterval(i: Interval, scale: (x: number) => number): Interval {
  const round6 = (x: number): number => rint(x * 1e6) / 1e6;
  const months = Math.trunc(scale(i.months));
  let days = Math.trunc(scale(i.days));
  const monthRemainderDays = round6((scale(i.months) - months) * 30);
  let secRemainder = round6((scale(i.days) - days + monthRemainderDays - Math.trunc(monthRemainderDays)) * 86400);
  if (Math.abs(secRemainder) >= 86400) {
    const extra = Math.trunc(secRemainder / 86400);
    days += extra;
    secRemainder -= extra * 86400;
  }
  days += Math.trunc(monthRemainderDays);
  const us = BigInt(rint(scale(Number(i.us)) + secRemainder * 1e6));
  return { months: months || 0, days: days || 0, us };
}

/** Comparison key in seconds: a month counts 30 days, a day 24 hours (interval_cmp_value). */
export function intervalKeySeconds(i: Interval): number {
  return (i.months * 30 + i.days) * 86400 + Number(i.us) / 1e6;
}

/** Exact comparison value in microseconds. */
export function intervalKeyUs(i: Interval): bigint {
  return BigInt(i.months * 30 + i.days) * US_PER_DAY + i.us;
}

export function justifyHours(i: Interval): Interval {
  let days = i.days + Number(i.us / US_PER_DAY);
  let us = i.us % US_PER_DAY;
  if (days > 0 && us < 0n) {
    us += US_PER_DAY;
    days -= 1;
  } else if (days < 0 && us > 0n) {
    us -= US_PER_DAY;
    days += 1;
  }
  return { months: i.months, days, us };
}

export function justifyDays(i: Interval): Interval {
  let months = i.months + Math.trunc(i.days / 30);
  let days = i.days % 30;
  if (months > 0 && days < 0) {
    days += 30;
    months -= 1;
  } else if (months < 0 && days > 0) {
    days -= 30;
    months += 1;
  }
  return { months, days: days || 0, us: i.us };
}

/** justify_interval, step by step as Postgres 15 does it (the pre-justification changes results). */
export function justifyInterval(i: Interval): Interval {
  let { months, days, us } = i;
  if ((days > 0 && us > 0n) || (days < 0 && us < 0n)) {
    const whole = us / US_PER_DAY;
    us -= whole * US_PER_DAY;
    days += Number(whole);
  }
  const wholeMonths = Math.trunc(days / 30);
  days -= wholeMonths * 30;
  months += wholeMonths;
  const wholeDays = us / US_PER_DAY;
  us -= wholeDays * US_PER_DAY;
  days += Number(wholeDays);
  if (months > 0 && (days < 0 || (days === 0 && us < 0n))) {
    days += 30;
    months -= 1;
  } else if (months < 0 && (days > 0 || (days === 0 && us > 0n))) {
    days -= 30;
    months += 1;
  }
  if (days > 0 && us < 0n) {
    us += US_PER_DAY;
    days -= 1;
  } else if (days < 0 && us > 0n) {
    us -= US_PER_DAY;
    days += 1;
  }
  return { months: months || 0, days: days || 0, us };
}
