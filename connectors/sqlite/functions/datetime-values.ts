// Reading and writing date/time storage values by kind (`'date' | 'timestamp' | 'timestamptz' | 'time' | 'interval'`).
import { floorDiv, TS_NEG_INFINITY, TS_POS_INFINITY, US_PER_DAY } from './datetime-core.js';
import { formatDate, formatTime, formatTimestamp, formatTimestamptz } from './datetime-format.js';
import { parseDate, parseTime, parseTimestamp, parseTimestamptz } from './datetime-parse.js';
import { pgError } from './errors.js';
import { formatInterval, parseInterval, type Interval } from './interval.js';
import { asText, type SqlValue } from './sql-values.js';

export type PointKind = 'date' | 'timestamp' | 'timestamptz' | 'time';
export type TemporalKind = PointKind | 'interval';

export function temporalKind(value: SqlValue): TemporalKind {
  const kind = asText(value).toLowerCase();
  switch (kind) {
    case 'date': case 'timestamp': case 'timestamptz': case 'time': case 'interval':
      return kind;
    case 'timestamp without time zone': return 'timestamp';
    case 'timestamp with time zone': return 'timestamptz';
    default: throw pgError('42804', `unsupported date/time kind "${kind}"`);
  }
}

/** A point in time as microseconds (a date as its midnight, a time as microseconds since midnight). */
export function readPoint(value: SqlValue, kind: PointKind): bigint {
  const text = asText(value);
  switch (kind) {
    case 'date': {
      const days = parseDate(text);
      if (days === Infinity) return TS_POS_INFINITY;
      if (days === -Infinity) return TS_NEG_INFINITY;
      return BigInt(days) * US_PER_DAY;
    }
    case 'timestamp': return parseTimestamp(text);
    case 'timestamptz': return parseTimestamptz(text);
    case 'time': return parseTime(text);
  }
}

export function writePoint(us: bigint, kind: PointKind): string {
  switch (kind) {
    case 'date':
      if (us === TS_POS_INFINITY) return 'infinity';
      if (us === TS_NEG_INFINITY) return '-infinity';
      return formatDate(Number(floorDiv(us, US_PER_DAY)));
    case 'timestamp': return formatTimestamp(us);
    case 'timestamptz': return formatTimestamptz(us);
    case 'time': return formatTime(us);
  }
}

export function readInterval(value: SqlValue): Interval {
  return parseInterval(asText(value));
}

export function writeInterval(i: Interval): string {
  return formatInterval(i);
}
