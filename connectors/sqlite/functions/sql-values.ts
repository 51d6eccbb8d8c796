// The JS values SQLite hands to user functions, and the small conversions every function needs.
// Integers arrive as number or bigint (when the connector enables safeIntegers): both are accepted.

export type SqlValue = number | bigint | string | Buffer | null;

export function isNull(value: unknown): value is null | undefined {
  return value === null || value === undefined;
}

/** Text of a SQL value as SQLite would cast it (numbers in plain decimal, blobs as UTF-8). */
export function asText(value: SqlValue): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return numberText(value);
  if (value === null) return '';
  return value.toString('utf8');
}

/** A JS number as SQLite text: integers without exponent, others shortest round-trip. */
export function numberText(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return BigInt(value).toString();
  return String(value);
}

export function asInt(value: SqlValue): number {
  if (typeof value === 'number') return Math.trunc(value);
  if (typeof value === 'bigint') return Number(value);
  return Math.trunc(Number(asText(value)));
}

export function asBigInt(value: SqlValue): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') return BigInt(Math.trunc(value));
  return BigInt(asText(value).trim());
}

export function asFloat(value: SqlValue): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  const text = asText(value).trim().toLowerCase();
  if (text === 'nan') return NaN;
  if (text === 'infinity' || text === '+infinity' || text === 'inf') return Infinity;
  if (text === '-infinity' || text === '-inf') return -Infinity;
  return Number(text);
}

/** SQLite boolean (0/1) from a storage value. */
export function asBool(value: SqlValue): boolean {
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'bigint') return value !== 0n;
  const text = asText(value).trim().toLowerCase();
  return text === '1' || text === 't' || text === 'true';
}
