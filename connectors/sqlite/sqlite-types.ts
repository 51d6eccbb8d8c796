// SQLite storage values (see DESIGN.md) → Postgres wire values, chosen once per result column by its
// type OID and format: text (Postgres output functions) or binary (Postgres send functions).
import type { DataRowWriter } from './data-row-writer.js';
import { formatFloat4, formatFloat8 } from './functions/float-format.js';
import { Oid } from './sqlite-oids.js';
import { numericBinary, pgDays, pgMicros, timeMicros } from './sqlite-binary-values.js';

export type StorageValue = number | bigint | string | Uint8Array | null;
export type ColumnEncoder = (w: DataRowWriter, v: Exclude<StorageValue, null>) => void;

export function columnEncoder(oid: number, binary: boolean): ColumnEncoder {
  return binary ? binaryEncoder(oid) : textEncoder(oid);
}

function textEncoder(oid: number): ColumnEncoder {
  switch (oid) {
    case Oid.bool:
      return (w, v) => w.text(typeof v === 'string' ? boolText(v) : Number(v) !== 0 ? 't' : 'f');
    case Oid.float8:
      return (w, v) => w.text(typeof v === 'number' ? formatFloat8(v) : typeof v === 'bigint' ? formatFloat8(Number(v)) : asText(v));
    case Oid.float4:
      return (w, v) => w.text(typeof v === 'number' ? formatFloat4(v) : typeof v === 'bigint' ? formatFloat4(Number(v)) : asText(v));
    case Oid.bytea:
      return (w, v) => (typeof v === 'string' ? w.text(v) : typeof v === 'object' ? w.hexBytea(v) : w.text(String(v)));
    case INT2VECTOR:
    case OIDVECTOR:
      // Stored as an array literal ({1,2}); Postgres prints these catalog vectors space-separated (1 2).
      return (w, v) => w.text(asText(v).replace(/^\{|\}$/g, '').replaceAll(',', ' '));
    default:
      return (w, v) => (typeof v === 'string' ? w.text(v) : typeof v === 'object' ? w.hexBytea(v) : w.text(numberText(v)));
  }
}

const INT2VECTOR = 22;
const OIDVECTOR = 30;

function boolText(v: string): string {
  return v === '1' || v === 't' || v === 'true' ? 't' : v === '0' || v === 'f' || v === 'false' ? 'f' : v;
}

function numberText(v: number | bigint): string {
  // An integral REAL (SQLite's 2.0) is printed as Postgres prints a numeric or integer of that value.
  return typeof v === 'bigint' || Number.isInteger(v) ? String(v) : formatFloat8(v);
}

function asText(v: Exclude<StorageValue, null>): string {
  return typeof v === 'object' ? Buffer.from(v).toString('utf8') : String(v);
}

function toNumber(v: Exclude<StorageValue, null>): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  const s = typeof v === 'string' ? v : asText(v);
  if (s === 'NaN') return NaN;
  if (s === 'Infinity' || s === 'infinity') return Infinity;
  if (s === '-Infinity' || s === '-infinity') return -Infinity;
  return Number(s);
}

function toBigInt(v: Exclude<StorageValue, null>): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') return BigInt(Math.trunc(v));
  return BigInt(asText(v));
}

function binaryEncoder(oid: number): ColumnEncoder {
  switch (oid) {
    case Oid.bool:
      return (w, v) => void (w.buffer[w.fixed(1)] = (typeof v === 'string' ? boolText(v) === 't' : Number(v) !== 0) ? 1 : 0);
    case Oid.int2:
      return (w, v) => void w.buffer.writeInt16BE(Number(v), w.fixed(2));
    case Oid.int4:
    case Oid.oid:
      return (w, v) => void w.buffer.writeInt32BE(Number(v), w.fixed(4));
    case Oid.int8:
      return (w, v) => void w.buffer.writeBigInt64BE(toBigInt(v), w.fixed(8));
    case Oid.float4:
      return (w, v) => void w.buffer.writeFloatBE(toNumber(v), w.fixed(4));
    case Oid.float8:
      return (w, v) => void w.buffer.writeDoubleBE(toNumber(v), w.fixed(8));
    case Oid.date:
      return (w, v) => void w.buffer.writeInt32BE(pgDays(asText(v)), w.fixed(4));
    case Oid.timestamp:
    case Oid.timestamptz:
      return (w, v) => void w.buffer.writeBigInt64BE(pgMicros(asText(v)), w.fixed(8));
    case Oid.time:
      return (w, v) => void w.buffer.writeBigInt64BE(timeMicros(asText(v)), w.fixed(8));
    case Oid.uuid:
      return (w, v) => w.bytes(Buffer.from(asText(v).replaceAll('-', ''), 'hex'));
    case Oid.numeric:
      return (w, v) => w.bytes(numericBinary(typeof v === 'number' ? numberText(v) : asText(v)));
    case Oid.jsonb:
      return (w, v) => w.text('\u0001' + asText(v));
    case Oid.bytea:
      return (w, v) => (typeof v === 'object' ? w.bytes(v) : w.text(String(v)));
    default:
      // text, varchar, name, bpchar, json and every type whose binary form we do not build: UTF-8 text.
      return (w, v) => (typeof v === 'string' ? w.text(v) : typeof v === 'object' ? w.bytes(v) : w.text(numberText(v)));
  }
}

/** Appends one DataRow for `row` (SQLite raw row) with the per-column encoders. */
export function writeRow(w: DataRowWriter, row: readonly unknown[], encoders: readonly ColumnEncoder[]): void {
  const n = encoders.length;
  w.beginRow(n);
  for (let i = 0; i < n; i++) {
    const v = row[i] as StorageValue | undefined;
    if (v === null || v === undefined) w.null();
    else encoders[i]!(w, v);
  }
  w.endRow();
}
