// Postgres input of date, timestamp, timestamptz and time (DateStyle ISO, MDY): ISO forms with `T` or
// space, month names (`Feb 29 2024`, `29 February 2024`), `MM/DD/YYYY`, BC, zones (`Z`, `+02`, `-05:30`,
// IANA names), and the special words epoch, infinity, -infinity, now, today, tomorrow, yesterday.
import {
  daysFromCivil, daysInMonth, floorDiv, TS_NEG_INFINITY, TS_POS_INFINITY, US_PER_DAY,
  US_PER_HOUR, US_PER_MINUTE, US_PER_SECOND, MIN_TS_DAYS, MAX_TS_DAYS,
} from './datetime-core.js';
import { pgError } from './errors.js';
import { fixedOffset, isKnownZone, zoneOffsetForLocal } from './timezone.js';

export type DateTimeKind = 'date' | 'timestamp' | 'timestamptz' | 'time';

const TYPE_NAMES: Record<DateTimeKind, string> = {
  date: 'date', timestamp: 'timestamp without time zone', timestamptz: 'timestamp with time zone', time: 'time without time zone',
};

/** The current transaction time (microseconds, UTC), for `now`, `today` and friends. */
export type NowSource = () => bigint;

function monthNumber(word: string): number | null {
  const w = word.toLowerCase();
  if (w.length < 3) return null;
  const full = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
  const i = full.findIndex((m, k) => m.startsWith(w) || (w === 'sept' && k === 8));
  return i < 0 ? null : i + 1;
}

type Parsed = { days: number; timeUs: bigint; offsetSeconds: number | null; zoneName: string | null; hadTime: boolean };

function syntax(kind: DateTimeKind, text: string): Error {
  return pgError('22007', `invalid input syntax for type ${TYPE_NAMES[kind]}: "${text}"`);
}

function range(text: string): Error {
  return pgError('22008', `date/time field value out of range: "${text}"`);
}

/** Fraction digits to microseconds, rounding beyond 6 digits. */
function microsOf(fraction: string | undefined): bigint {
  if (!fraction) return 0n;
  const digits = fraction.slice(0, 7).padEnd(7, '0');
  return (BigInt(digits) + 5n) / 10n;
}

const TIME = /^(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d*))?)?$/;

function parseTimeToken(token: string, text: string): bigint | null {
  const m = TIME.exec(token);
  if (!m) return null;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  const second = Number(m[3] ?? 0);
  const micros = microsOf(m[4]);
  if (hour > 24 || minute > 59 || second > 60 || (hour === 24 && (minute > 0 || second > 0 || micros > 0n))) throw range(text);
  return BigInt(hour) * US_PER_HOUR + BigInt(minute) * US_PER_MINUTE + BigInt(second) * US_PER_SECOND + micros;
}

function validDate(year: number, month: number, day: number, text: string): number {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) throw range(text);
  return daysFromCivil(year, month, day);
}

/** Splits `2024-02-29T10:00:00+02` into tokens: date, time, zone, words. */
function tokenize(text: string): string[] {
  let s = text.trim().replace(/,/g, ' ');
  // ISO `T` between date and time, and a zone glued to the time (`10:00+02`, `10:00Z`).
  s = s.replace(/^(\d+-\d+-\d+)T(?=\d)/i, '$1 ');
  s = s.replace(/(:\d{1,2}(?:\.\d*)?)([+-]\d{1,2}(?::?\d{2}){0,2})(\s+(?:BC|AD))?$/i, '$1 $2$3');
  s = s.replace(/(:\d{1,2}(?:\.\d*)?)(Z)$/i, '$1 $2');
  return s.split(/\s+/).filter((t) => t.length > 0);
}

function parseParts(text: string, kind: DateTimeKind): Parsed {
  const tokens = tokenize(text);
  let year: number | null = null;
  let month: number | null = null;
  let day: number | null = null;
  let timeUs: bigint | null = null;
  let offsetSeconds: number | null = null;
  let zoneName: string | null = null;
  let bc = false;
  const numbers: string[] = [];
  for (const token of tokens) {
    let m: RegExpExecArray | null;
    if ((m = /^(\d{1,})-(\d{1,2})-(\d{1,2})$/.exec(token)) || (m = /^(\d{4,})\/(\d{1,2})\/(\d{1,2})$/.exec(token))) {
      [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    } else if ((m = /^(\d{1,2})\/(\d{1,2})\/(\d{1,})$/.exec(token))) {
      [month, day, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
    } else if ((m = /^(\d{4})(\d{2})(\d{2})$/.exec(token)) && year === null) {
      [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    } else if (TIME.test(token)) {
      timeUs = parseTimeToken(token, text);
    } else if (/^[+-]\d/.test(token) && fixedOffset(token) !== null) {
      offsetSeconds = fixedOffset(token);
    } else if (/^\d+$/.test(token)) {
      numbers.push(token);
    } else if (/^(bc|ad)$/i.test(token)) {
      bc = token.toLowerCase() === 'bc';
    } else if (monthNumber(token) !== null && month === null && !/\//.test(token)) {
      month = monthNumber(token);
    } else if (/^(mon|tue|wed|thu|fri|sat|sun)[a-z]*$/i.test(token)) {
      continue;
    } else if (offsetSeconds === null && zoneName === null && isKnownZone(token)) {
      const fixed = fixedOffset(token);
      if (fixed !== null) offsetSeconds = fixed;
      else zoneName = token;
    } else {
      throw syntax(kind, text);
    }
  }
  if (month !== null && year === null) {
    // Month given by name: the numbers are day and year (`Feb 29 2024`, `29 Feb 2024`).
    if (numbers.length !== 2) throw syntax(kind, text);
    const [a = '', b = ''] = numbers;
    if (a.length > 2) [year, day] = [Number(a), Number(b)];
    else [day, year] = [Number(a), Number(b)];
  } else if (numbers.length > 0) {
    throw syntax(kind, text);
  }
  if (kind === 'time') {
    if (timeUs === null) throw syntax(kind, text);
    return { days: 0, timeUs, offsetSeconds, zoneName, hadTime: true };
  }
  if (year === null || month === null || day === null) throw syntax(kind, text);
  if (bc) year = 1 - year;
  if (year === 0 && !bc) throw range(text);
  const days = validDate(year, month, day, text);
  return { days, timeUs: timeUs ?? 0n, offsetSeconds, zoneName, hadTime: timeUs !== null };
}

function special(text: string, now: NowSource | undefined): bigint | null {
  const word = text.trim().toLowerCase();
  const today = (): bigint => floorDiv(now ? now() : BigInt(Date.now()) * 1000n, US_PER_DAY) * US_PER_DAY;
  switch (word) {
    case 'epoch': return 0n;
    case 'infinity': case '+infinity': return TS_POS_INFINITY;
    case '-infinity': return TS_NEG_INFINITY;
    case 'now': return now ? now() : BigInt(Date.now()) * 1000n;
    case 'today': return today();
    case 'tomorrow': return today() + US_PER_DAY;
    case 'yesterday': return today() - US_PER_DAY;
    default: return null;
  }
}

function checkRange(ts: bigint, text: string): bigint {
  const days = Number(floorDiv(ts, US_PER_DAY));
  if (days < MIN_TS_DAYS || days >= MAX_TS_DAYS) {
    throw pgError('22008', `timestamp out of range: "${text}"`);
  }
  return ts;
}

/** timestamp input: a zone in the text is ignored, as Postgres does. */
export function parseTimestamp(text: string, now?: NowSource): bigint {
  const sp = special(text, now);
  if (sp !== null) return sp;
  const p = parseParts(text, 'timestamp');
  return checkRange(BigInt(p.days) * US_PER_DAY + p.timeUs, text);
}

/**
 * timestamptz input → microseconds UTC; no zone in the text means the session zone (`sessionZone`: UTC on
 * SQLite, which stores UTC only; a SQL Server session's TimeZone).
 */
export function parseTimestamptz(text: string, now?: NowSource, sessionZone = 'UTC'): bigint {
  const sp = special(text, now);
  if (sp !== null) return sp;
  const p = parseParts(text, 'timestamptz');
  const local = BigInt(p.days) * US_PER_DAY + p.timeUs;
  let offset = p.offsetSeconds ?? 0;
  if (p.zoneName !== null) offset = zoneOffsetForLocal(p.zoneName, Number(local / 1000n));
  else if (p.offsetSeconds === null && sessionZone !== 'UTC') offset = zoneOffsetForLocal(sessionZone, Number(local / 1000n));
  return checkRange(local - BigInt(offset) * US_PER_SECOND, text);
}

/** date input → days since 1970-01-01 (±Infinity for infinity). */
export function parseDate(text: string, now?: NowSource): number {
  const sp = special(text, now);
  if (sp === TS_POS_INFINITY) return Infinity;
  if (sp === TS_NEG_INFINITY) return -Infinity;
  if (sp !== null) return Number(floorDiv(sp, US_PER_DAY));
  return parseParts(text, 'date').days;
}

/** time input → microseconds since midnight. */
export function parseTime(text: string): bigint {
  if (text.trim().toLowerCase() === 'allballs') return 0n;
  return parseParts(text, 'time').timeUs;
}
