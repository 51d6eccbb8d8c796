// Finds traces of the other tenant (globex) in anything a statement returned: row values, COPY output,
// notices, error texts. The seed marks globex's data (tenant-seed.ts): text containing "globex", its
// tenant id, numbers of 11+ digits (ids and amounts >= 10^12, and any sum or average including one),
// dates in the 2090s. A marker is reported as the token that matched, so callers can ignore tokens the
// statement itself contained (an error that echoes the client's own literal is not a leak).
import { GLOBEX } from './tenant-fixture.js';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
// Integer parts of 11+ digits not glued to letters or digits (hex digests and uuids do not count) and
// not after a decimal point (the zeros of avg()'s scale are not a large number).
const LONG_NUMBER = /(?<![0-9A-Za-z.])\d{11,}(?![0-9A-Za-z])/g;
const FUTURE_DATE = /(?<!\d)209\d-\d\d-\d\d/g;
const NUMBER_FLOOR = 1e10;

function textMarkers(text: string, out: Set<string>): void {
  const lower = text.toLowerCase();
  if (lower.includes('globex')) out.add('globex');
  if (lower.includes(GLOBEX)) out.add(GLOBEX);
  const withoutUuids = text.replace(UUID, ' ');
  for (const m of withoutUuids.matchAll(LONG_NUMBER)) out.add(m[0]);
  for (const m of text.matchAll(FUTURE_DATE)) out.add(m[0]);
}

function collect(value: unknown, out: Set<string>, depth: number): void {
  if (value === null || value === undefined || depth > 20) return;
  if (typeof value === 'string') textMarkers(value, out);
  else if (typeof value === 'number') {
    if (Math.abs(value) >= NUMBER_FLOOR) out.add(String(value));
  } else if (typeof value === 'bigint') {
    if (value >= BigInt(NUMBER_FLOOR) || value <= -BigInt(NUMBER_FLOOR)) out.add(value.toString());
  } else if (value instanceof Date) {
    if (value.getUTCFullYear() >= 2090) out.add(value.toISOString().slice(0, 10));
  } else if (Buffer.isBuffer(value)) textMarkers(value.toString('latin1'), out);
  else if (Array.isArray(value)) for (const v of value) collect(v, out, depth + 1);
  else if (typeof value === 'object') for (const v of Object.values(value)) collect(v, out, depth + 1);
}

/** The globex markers found anywhere in `value` (strings, numbers, dates, buffers, arrays, objects). */
export function globexMarkers(value: unknown): string[] {
  const out = new Set<string>();
  collect(value, out, 0);
  return [...out];
}

/** Markers in `value` that do not occur in `statementText` (for errors and notices echoing input). */
export function markersNotEchoed(value: unknown, statementText: string): string[] {
  const text = statementText.toLowerCase();
  return globexMarkers(value).filter((m) => !text.includes(m.toLowerCase()));
}
