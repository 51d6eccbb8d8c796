// Date/time arithmetic: timestamp ± interval (months first, clamped to the month's last day, then days,
// then time), timestamp - timestamp (justified to days and hours), age, date_bin, make_*, AT TIME ZONE.
import {
  daysFromCivil, daysInMonth, floorDiv, fromFields, isInfiniteTs, toFields, US_PER_DAY, US_PER_SECOND,
} from './datetime-core.js';
import { pgError } from './errors.js';
import { justifyHours, type Interval } from './interval.js';
import { fixedOffset, zoneOffsetAt, zoneOffsetForLocal } from './timezone.js';

/** timestamp + interval (also timestamptz: the session zone is UTC, so there is no DST to cross). */
export function addToTimestamp(ts: bigint, i: Interval): bigint {
  if (isInfiniteTs(ts)) return ts;
  let result = ts;
  if (i.months !== 0) {
    const f = toFields(result);
    const total = f.year * 12 + (f.month - 1) + i.months;
    const year = Math.floor(total / 12);
    const month = total - year * 12 + 1;
    result = fromFields({ ...f, year, month, day: Math.min(f.day, daysInMonth(year, month)) });
  }
  return result + BigInt(i.days) * US_PER_DAY + i.us;
}

export function timestampDiff(a: bigint, b: bigint): Interval {
  if (isInfiniteTs(a) || isInfiniteTs(b)) throw pgError('22008', 'cannot subtract infinite timestamps');
  return justifyHours({ months: 0, days: 0, us: a - b });
}

/** age(a, b): field-wise difference with borrowing, as Postgres' timestamp_age. */
export function age(a: bigint, b: bigint): Interval {
  const f1 = toFields(a);
  const f2 = toFields(b);
  const flip = a < b;
  const s = flip ? -1 : 1;
  let micro = s * (f1.micro - f2.micro);
  let second = s * (f1.second - f2.second);
  let minute = s * (f1.minute - f2.minute);
  let hour = s * (f1.hour - f2.hour);
  let day = s * (f1.day - f2.day);
  let month = s * (f1.month - f2.month);
  let year = s * (f1.year - f2.year);
  while (micro < 0) { micro += 1_000_000; second -= 1; }
  while (second < 0) { second += 60; minute -= 1; }
  while (minute < 0) { minute += 60; hour -= 1; }
  while (hour < 0) { hour += 24; day -= 1; }
  while (day < 0) {
    const ref = flip ? f1 : f2;
    day += daysInMonth(ref.year, ref.month);
    month -= 1;
  }
  while (month < 0) { month += 12; year -= 1; }
  const us = BigInt(((hour * 60 + minute) * 60 + second)) * US_PER_SECOND + BigInt(micro);
  return { months: s * (year * 12 + month) || 0, days: s * day || 0, us: BigInt(s) * us };
}

/** make_date: negative years are BC. */
export function makeDate(year: number, month: number, day: number): number {
  const astronomical = year < 0 ? year + 1 : year;
  if (year === 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(astronomical, month)) {
    throw pgError('22008', `date field value out of range: ${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
  }
  return daysFromCivil(astronomical, month, day);
}

export function makeInterval(years: number, months: number, weeks: number, days: number, hours: number, mins: number, secs: number): Interval {
  const us = BigInt(Math.round(hours * 3600e6 + mins * 60e6 + secs * 1e6));
  return { months: years * 12 + months, days: weeks * 7 + days, us };
}

/** date_bin(stride, source, origin): the start of the stride-sized bin holding `source`. */
export function dateBin(stride: Interval, source: bigint, origin: bigint): bigint {
  if (stride.months !== 0) throw pgError('0A000', 'timestamps cannot be binned into intervals containing months or years');
  const strideUs = BigInt(stride.days) * US_PER_DAY + stride.us;
  if (strideUs <= 0n) throw pgError('22023', 'stride must be greater than zero');
  const delta = source - origin;
  let bins = delta / strideUs;
  if (delta < 0n && delta % strideUs !== 0n) bins -= 1n;
  return origin + bins * strideUs;
}

/**
 * Offset (seconds east) a zone given as text means in AT TIME ZONE / timezone(): numeric forms follow
 * POSIX (`+02` is two hours WEST of Greenwich), names go through the IANA database.
 */
function zoneSpecOffset(zone: string, utcOrLocalMs: number, local: boolean): number {
  const fixed = fixedOffset(zone);
  if (fixed !== null && /^[+-]/.test(zone.trim())) return -fixed;
  if (fixed !== null) return fixed;
  return local ? zoneOffsetForLocal(zone, utcOrLocalMs) : zoneOffsetAt(zone, utcOrLocalMs);
}

/** timestamptz AT TIME ZONE zone → local timestamp. */
export function utcToLocal(zone: string, ts: bigint): bigint {
  if (isInfiniteTs(ts)) return ts;
  return ts + BigInt(zoneSpecOffset(zone, Number(floorDiv(ts, 1000n)), false)) * US_PER_SECOND;
}

/** timestamp AT TIME ZONE zone → timestamptz (UTC). */
export function localToUtc(zone: string, ts: bigint): bigint {
  if (isInfiniteTs(ts)) return ts;
  return ts - BigInt(zoneSpecOffset(zone, Number(floorDiv(ts, 1000n)), true)) * US_PER_SECOND;
}
