// to_char for date/time values: the common template patterns of Postgres' formatting.c (DCH),
// with FM (no padding), TH/th ordinal suffixes and "quoted" literal text.
import { dayOfWeek, daysFromCivil, floorDiv, isoWeek, julianDay, toFields, US_PER_DAY } from './datetime-core.js';
import type { Interval } from './interval.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];

// Longest first, so `HH24` wins over `HH` and `YYYY` over `YY`.
const PATTERNS = [
  'Y,YYY', 'HH24', 'HH12', 'SSSSS', 'SSSS', 'YYYY', 'IYYY', 'MONTH', 'Month', 'month', 'IDDD', 'A.M.', 'P.M.', 'a.m.', 'p.m.',
  'B.C.', 'A.D.', 'b.c.', 'a.d.', 'YYY', 'IYY', 'MON', 'Mon', 'mon', 'DAY', 'Day', 'day', 'DDD', 'HH', 'MI', 'SS', 'MS', 'US',
  'AM', 'PM', 'am', 'pm', 'BC', 'AD', 'bc', 'ad', 'YY', 'IY', 'MM', 'DY', 'Dy', 'dy', 'DD', 'ID', 'WW', 'IW', 'CC', 'RM', 'rm',
  'TZ', 'tz', 'OF', 'Y', 'I', 'D', 'W', 'J', 'Q',
];

type Context = { ts: bigint; withZone: boolean; interval: Interval | null };

function ordinal(n: number): string {
  const mod100 = n % 100;
  if (mod100 >= 11 && mod100 <= 13) return 'th';
  return ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
}

function casePattern(word: string, pattern: string): string {
  if (pattern === pattern.toUpperCase()) return word.toUpperCase();
  if (pattern === pattern.toLowerCase()) return word.toLowerCase();
  return word;
}

/** Value of one pattern: [text, numeric value for TH, whether FM may strip leading zeros]. */
function field(pattern: string, ctx: Context, fm: boolean): { text: string; num: number | null } {
  const f = toFields(ctx.ts);
  const days = Number(floorDiv(ctx.ts, US_PER_DAY));
  const year = f.year > 0 ? f.year : 1 - f.year;
  const num = (n: number, width: number): { text: string; num: number } => ({
    text: fm ? String(n) : (n < 0 ? '-' + String(-n).padStart(width, '0') : String(n).padStart(width, '0')), num: n,
  });
  const word = (w: string, width: number): { text: string; num: null } => ({
    text: fm ? casePattern(w, pattern) : casePattern(w, pattern).padEnd(width, ' '), num: null,
  });
  const hour12 = f.hour % 12 === 0 ? 12 : f.hour % 12;
  const iso = isoWeek(days);
  switch (pattern) {
    case 'HH': case 'HH12': return num(hour12, 2);
    case 'HH24': return num(ctx.interval ? Number(ctx.interval.us / 3_600_000_000n) : f.hour, 2);
    case 'MI': return num(f.minute, 2);
    case 'SS': return num(f.second, 2);
    case 'MS': return num(Math.floor(f.micro / 1000), 3);
    case 'US': return num(f.micro, 6);
    case 'SSSS': case 'SSSSS': return num(f.hour * 3600 + f.minute * 60 + f.second, 0);
    case 'AM': case 'PM': case 'am': case 'pm': return { text: casePattern(f.hour < 12 ? 'AM' : 'PM', pattern), num: null };
    case 'A.M.': case 'P.M.': case 'a.m.': case 'p.m.': return { text: casePattern(f.hour < 12 ? 'A.M.' : 'P.M.', pattern), num: null };
    case 'BC': case 'AD': case 'bc': case 'ad': return { text: casePattern(f.year > 0 ? 'AD' : 'BC', pattern), num: null };
    case 'B.C.': case 'A.D.': case 'b.c.': case 'a.d.': return { text: casePattern(f.year > 0 ? 'A.D.' : 'B.C.', pattern), num: null };
    case 'Y,YYY': {
      const s = String(year).padStart(4, '0');
      return { text: `${s.slice(0, s.length - 3)},${s.slice(-3)}`, num: year };
    }
    case 'YYYY': return num(year, 4);
    case 'YYY': return num(year % 1000, 3);
    case 'YY': return num(year % 100, 2);
    case 'Y': return num(year % 10, 1);
    case 'IYYY': return num(iso.isoYear, 4);
    case 'IYY': return num(iso.isoYear % 1000, 3);
    case 'IY': return num(iso.isoYear % 100, 2);
    case 'I': return num(iso.isoYear % 10, 1);
    case 'MONTH': case 'Month': case 'month': return word(MONTHS[f.month - 1] ?? '', 9);
    case 'MON': case 'Mon': case 'mon': return { text: casePattern((MONTHS[f.month - 1] ?? '').slice(0, 3), pattern), num: null };
    case 'MM': return num(f.month, 2);
    case 'DAY': case 'Day': case 'day': return word(DAYS[dayOfWeek(days)] ?? '', 9);
    case 'DY': case 'Dy': case 'dy': return { text: casePattern((DAYS[dayOfWeek(days)] ?? '').slice(0, 3), pattern), num: null };
    case 'DDD': return num(days - daysFromCivil(f.year, 1, 1) + 1, 3);
    case 'IDDD': return num((iso.week - 1) * 7 + (dayOfWeek(days) || 7), 3);
    case 'DD': return num(f.day, 2);
    case 'D': return num(dayOfWeek(days) + 1, 1);
    case 'ID': return num(dayOfWeek(days) || 7, 1);
    case 'W': return num(Math.floor((f.day - 1) / 7) + 1, 1);
    case 'WW': return num(Math.floor((days - daysFromCivil(f.year, 1, 1)) / 7) + 1, 2);
    case 'IW': return num(iso.week, 2);
    case 'CC': return num(f.year > 0 ? Math.floor((f.year + 99) / 100) : -Math.floor((99 - (f.year - 1)) / 100), 2);
    case 'J': return num(julianDay(days), 0);
    case 'Q': return num(Math.floor((f.month - 1) / 3) + 1, 1);
    case 'RM': case 'rm': return word(casePattern(ROMAN[f.month - 1] ?? '', pattern), 4);
    case 'TZ': case 'tz': return { text: ctx.withZone ? casePattern('UTC', pattern) : '', num: null };
    case 'OF': return { text: ctx.withZone ? '+00' : '', num: null };
    default: return { text: pattern, num: null };
  }
}

export function toCharDateTime(ts: bigint, format: string, withZone: boolean, interval: Interval | null = null): string {
  const ctx: Context = { ts, withZone, interval };
  let out = '';
  let i = 0;
  while (i < format.length) {
    if (format[i] === '"') {
      const end = format.indexOf('"', i + 1);
      const literal = end < 0 ? format.slice(i + 1) : format.slice(i + 1, end);
      out += literal.replace(/\\(.)/g, '$1');
      i = end < 0 ? format.length : end + 1;
      continue;
    }
    if (format[i] === '\\' && i + 1 < format.length) {
      out += format[i + 1];
      i += 2;
      continue;
    }
    let fm = false;
    if (format.startsWith('FM', i) || format.startsWith('fm', i)) {
      fm = true;
      i += 2;
    }
    if (format.startsWith('FX', i)) {
      i += 2;
      continue;
    }
    const pattern = PATTERNS.find((p) => format.startsWith(p, i));
    if (!pattern) {
      out += format[i] ?? '';
      i += 1;
      continue;
    }
    i += pattern.length;
    const value = field(pattern, ctx, fm);
    out += value.text;
    const suffix = format.slice(i, i + 2);
    if ((suffix === 'TH' || suffix === 'th') && value.num !== null) {
      out += suffix === 'TH' ? ordinal(value.num).toUpperCase() : ordinal(value.num);
      i += 2;
    }
  }
  return out;
}
