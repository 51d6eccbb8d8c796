// Values as tedious returns them → Postgres's text output (and, for the common types, its binary send
// format, through the SQLite connector's encoders). tedious gives bit as boolean, integers as numbers
// (bigint as a decimal string), decimal/money as numbers, strings, Buffers, and every date/time type as
// a UTC Date whose sub-millisecond part is in a `nanosecondsDelta` property (seconds).
import type { DataRowWriter } from '../sqlite/data-row-writer.js';
import { formatDate, formatTime, formatTimestamp } from '../sqlite/functions/datetime-format.js';
import { formatFloat4, formatFloat8 } from '../sqlite/functions/float-format.js';
import { zoneOffsetAt } from '../sqlite/functions/timezone.js';
import { canonicalNumeric } from '../sqlite/sqlite-params.js';
import { columnEncoder } from '../sqlite/sqlite-types.js';
import type { PgTypeRef } from './mssql-plan.js';
import type { ServerColumn } from './mssql-types.js';

const OID = { bool: 16, int8: 20, int2: 21, int4: 23, float4: 700, float8: 701, date: 1082, time: 1083, timestamp: 1114, timestamptz: 1184, numeric: 1700, uuid: 2950 } as const;
const NUMBER_OIDS = new Set<number>([OID.int2, OID.int4, OID.int8, OID.float4, OID.float8, OID.numeric]);
const DECIMAL_TYPES = new Set(['Decimal', 'Numeric', 'Money', 'SmallMoney']);
const US_PER_DAY = 86_400_000_000n;

export type ColumnWriter = (w: DataRowWriter, v: unknown) => void;

/** A result column's encoder, chosen once per statement: by the Postgres type sent, the server's column, the format. */
export function columnWriter(type: PgTypeRef, server: ServerColumn | null, binary: boolean, timeZone: () => string): ColumnWriter {
  const oid = type.oid;
  if (!binary) {
    return (w, v) => {
      if (Buffer.isBuffer(v)) w.hexBytea(v);
      else w.text(textOf(v, oid, server, timeZone()));
    };
  }
  const send = columnEncoder(oid, true);
  return (w, v) => {
    if (Buffer.isBuffer(v)) w.bytes(v);
    else send(w, textOf(v, oid, server, timeZone()));
  };
}

/** One value as Postgres prints it for type `oid`; `server` is the column's SQL Server type (null: unknown). */
export function textOf(v: unknown, oid: number, server: ServerColumn | null, timeZone: string): string {
  if (typeof v === 'string') return stringText(v, oid, server);
  if (typeof v === 'number') return numberText(v, oid, server);
  if (typeof v === 'boolean') return oid === OID.bool ? (v ? 't' : 'f') : NUMBER_OIDS.has(oid) ? (v ? '1' : '0') : v ? 'true' : 'false';
  if (v instanceof Date) return dateText(v, oid, server, timeZone);
  if (Buffer.isBuffer(v)) return '\\x' + v.toString('hex');
  return String(v);
}

function stringText(v: string, oid: number, server: ServerColumn | null): string {
  // uniqueidentifier comes upper-case from SQL Server; Postgres prints uuids lower-case.
  if (oid === OID.uuid || server?.type === 'UniqueIdentifier') return v.toLowerCase();
  if (oid === OID.numeric) return tryCanonical(v);
  if (oid === OID.bool) return v === '1' || v.toLowerCase() === 'true' ? 't' : v === '0' || v.toLowerCase() === 'false' ? 'f' : v;
  return v;
}

function numberText(v: number, oid: number, server: ServerColumn | null): string {
  switch (oid) {
    case OID.bool:
      return v !== 0 ? 't' : 'f';
    case OID.float4:
      return formatFloat4(v);
    case OID.float8:
      return formatFloat8(v);
    case OID.numeric:
      return decimalText(v, server);
    case OID.int2:
    case OID.int4:
    case OID.int8:
      return plainNumber(v);
  }
  if (server?.type === 'Real') return formatFloat4(v);
  if (server?.type === 'Float') return formatFloat8(v);
  if (server && DECIMAL_TYPES.has(server.type)) return decimalText(v, server);
  return plainNumber(v);
}

/**
 * A decimal that reached us as a JS number (a column the compiler did not CONVERT to text: a documented gap,
 * exact to ~15 significant digits). With the column's scale the digits are those SQL Server sent.
 */
function decimalText(v: number, server: ServerColumn | null): string {
  const scale = server && DECIMAL_TYPES.has(server.type) ? (server.type === 'Money' || server.type === 'SmallMoney' ? 4 : server.scale) : undefined;
  if (scale !== undefined && Math.abs(v) < 1e21) return tryCanonical(v.toFixed(scale));
  return plainNumber(v);
}

/** A number without exponent notation (Postgres never prints one for integers or numerics). */
function plainNumber(v: number): string {
  if (Number.isInteger(v) && Math.abs(v) < 1e21) return Object.is(v, -0) ? '0' : String(v);
  return tryCanonical(String(v));
}

function tryCanonical(text: string): string {
  try {
    return canonicalNumeric(text);
  } catch {
    return text;
  }
}

/** Microseconds since 1970-01-01 of a tedious date/time value, its sub-millisecond part included. */
export function microsOf(d: Date): bigint {
  const delta = (d as Date & { nanosecondsDelta?: number }).nanosecondsDelta ?? 0;
  return BigInt(d.getTime()) * 1000n + BigInt(Math.round(delta * 1e6));
}

function dateText(d: Date, oid: number, server: ServerColumn | null, timeZone: string): string {
  const us = microsOf(d);
  switch (dateKind(oid, server)) {
    case 'date':
      return formatDate(Number(floorDiv(us, US_PER_DAY)));
    case 'time':
      return formatTime(us - floorDiv(us, US_PER_DAY) * US_PER_DAY);
    case 'timestamp':
      return formatTimestamp(us);
    case 'timestamptz':
      return timestamptzText(us, timeZone);
  }
}

/** timestamptz as Postgres prints it in the session's TimeZone: local time and the offset (`+00`, `-08`, `+05:30`). */
export function timestamptzText(us: bigint, timeZone: string): string {
  const offset = zoneOffsetAt(timeZone, Number(floorDiv(us, 1000n)));
  return formatTimestamp(us + BigInt(offset) * 1_000_000n) + offsetText(offset);
}

function offsetText(seconds: number): string {
  const a = Math.abs(seconds);
  const h = Math.floor(a / 3600);
  const m = Math.floor((a % 3600) / 60);
  const s = a % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return (seconds < 0 ? '-' : '+') + two(h) + (m || s ? ':' + two(m) : '') + (s ? ':' + two(s) : '');
}

function dateKind(oid: number, server: ServerColumn | null): 'date' | 'time' | 'timestamp' | 'timestamptz' {
  if (oid === OID.date) return 'date';
  if (oid === OID.time) return 'time';
  if (oid === OID.timestamp) return 'timestamp';
  if (oid === OID.timestamptz) return 'timestamptz';
  switch (server?.type) {
    case 'Date':
      return 'date';
    case 'Time':
      return 'time';
    case 'DateTimeOffset':
      return 'timestamptz';
    default:
      return 'timestamp';
  }
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}
