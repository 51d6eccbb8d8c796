// Postgres text output (DateStyle ISO) of date, timestamp, timestamptz (UTC) and time values.
import { civilFromDays, isInfiniteTs, TS_NEG_INFINITY, toFields } from './datetime-core.js';

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function yearText(year: number): { text: string; bc: boolean } {
  return year <= 0 ? { text: pad(1 - year, 4), bc: true } : { text: pad(year, 4), bc: false };
}

/** `.5`, `.123456`: fraction of a second without trailing zeros; empty when zero. */
export function fractionText(micro: number): string {
  if (micro === 0) return '';
  return `.${pad(micro, 6).replace(/0+$/, '')}`;
}

export function formatDate(days: number): string {
  if (days === Infinity) return 'infinity';
  if (days === -Infinity) return '-infinity';
  const { year, month, day } = civilFromDays(days);
  const y = yearText(year);
  return `${y.text}-${pad(month, 2)}-${pad(day, 2)}${y.bc ? ' BC' : ''}`;
}

function formatTs(ts: bigint, zone: string): string {
  if (isInfiniteTs(ts)) return ts === TS_NEG_INFINITY ? '-infinity' : 'infinity';
  const f = toFields(ts);
  const y = yearText(f.year);
  return `${y.text}-${pad(f.month, 2)}-${pad(f.day, 2)} ${pad(f.hour, 2)}:${pad(f.minute, 2)}:${pad(f.second, 2)}${fractionText(f.micro)}${zone}${y.bc ? ' BC' : ''}`;
}

export function formatTimestamp(ts: bigint): string {
  return formatTs(ts, '');
}

/** timestamptz storage and output: always UTC, so the offset is `+00`. */
export function formatTimestamptz(ts: bigint): string {
  return formatTs(ts, '+00');
}

/** time of day (microseconds since midnight, 24:00:00 allowed). */
export function formatTime(us: bigint): string {
  const total = Number(us);
  const micro = total % 1_000_000;
  const seconds = (total - micro) / 1_000_000;
  return `${pad(Math.floor(seconds / 3600), 2)}:${pad(Math.floor((seconds % 3600) / 60), 2)}:${pad(seconds % 60, 2)}${fractionText(micro)}`;
}
