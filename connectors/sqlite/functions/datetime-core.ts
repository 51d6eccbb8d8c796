// Calendar arithmetic shared by the date/time functions. A timestamp is a bigint of microseconds since
// 1970-01-01 00:00:00 (UTC for timestamptz); a date is a number of days since 1970-01-01. Years are
// astronomical (0 = 1 BC), the calendar proleptic Gregorian, as in Postgres.

export const US_PER_SECOND = 1_000_000n;
export const US_PER_MINUTE = 60_000_000n;
export const US_PER_HOUR = 3_600_000_000n;
export const US_PER_DAY = 86_400_000_000n;

/** Postgres' DT_NOBEGIN / DT_NOEND: -infinity and infinity timestamps. */
export const TS_NEG_INFINITY = -(2n ** 63n);
export const TS_POS_INFINITY = 2n ** 63n - 1n;
export const DATE_NEG_INFINITY = -Infinity;
export const DATE_POS_INFINITY = Infinity;

export type Fields = { year: number; month: number; day: number; hour: number; minute: number; second: number; micro: number };

export function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeap(year) ? 29 : (MONTH_DAYS[month - 1] ?? 31);
}

/** Days since 1970-01-01 of a civil date (Howard Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}

export function toFields(ts: bigint): Fields {
  const days = floorDiv(ts, US_PER_DAY);
  let rest = Number(ts - days * US_PER_DAY);
  const civil = civilFromDays(Number(days));
  const micro = rest % 1_000_000;
  rest = (rest - micro) / 1_000_000;
  return { ...civil, hour: Math.floor(rest / 3600), minute: Math.floor((rest % 3600) / 60), second: rest % 60, micro };
}

export function fromFields(f: Fields): bigint {
  const days = BigInt(daysFromCivil(f.year, f.month, f.day));
  const time = BigInt(f.hour) * US_PER_HOUR + BigInt(f.minute) * US_PER_MINUTE + BigInt(f.second) * US_PER_SECOND + BigInt(f.micro);
  return days * US_PER_DAY + time;
}

export function isInfiniteTs(ts: bigint): boolean {
  return ts === TS_NEG_INFINITY || ts === TS_POS_INFINITY;
}

/** Day of week, 0 = Sunday. */
export function dayOfWeek(days: number): number {
  return (((days + 4) % 7) + 7) % 7;
}

/** ISO 8601 week-numbering year and week of a date. */
export function isoWeek(days: number): { isoYear: number; week: number } {
  const isoDow = dayOfWeek(days) || 7;
  const thursday = days + 4 - isoDow;
  const isoYear = civilFromDays(thursday).year;
  const week = Math.floor((thursday - daysFromCivil(isoYear, 1, 1)) / 7) + 1;
  return { isoYear, week };
}

/** Julian day number, as Postgres' date2j. */
export function julianDay(days: number): number {
  return days + 2440588;
}

/** Postgres' maximum: 294276-12-31 (timestamp) and 4714-11-24 BC minimum. */
export const MIN_TS_DAYS = daysFromCivil(-4713, 11, 24);
export const MAX_TS_DAYS = daysFromCivil(294277, 1, 1);
