// Bind message → parameter values in the storage form of DESIGN.md (by the plan's inferred parameter
// types), plus the result formats the client asked for.
import { formatDate, formatTime, formatTimestamp, formatTimestamptz } from './functions/datetime-format.js';
import { parseDate, parseTime, parseTimestamp, parseTimestamptz } from './functions/datetime-parse.js';
import { formatInterval, parseInterval } from './functions/interval.js';
import { jsonbCanonical } from './functions/json-value.js';
import { Oid } from './sqlite-oids.js';
import type { StorageValue } from './sqlite-types.js';

export type BoundValues = { readonly params: StorageValue[]; readonly resultFormats: readonly number[] };

export class BindError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

/** Reads the part of a Bind payload after the portal and statement names. */
export function decodeBind(payload: Buffer, restOffset: number, paramTypes: readonly number[]): BoundValues {
  let o = restOffset;
  const formatCount = payload.readInt16BE(o);
  o += 2;
  const formats: number[] = [];
  for (let i = 0; i < formatCount; i++, o += 2) formats.push(payload.readInt16BE(o));
  const count = payload.readInt16BE(o);
  o += 2;
  if (count !== paramTypes.length) {
    throw new BindError('08P01', `bind message supplies ${count} parameters, but prepared statement "" requires ${paramTypes.length}`);
  }
  const params: StorageValue[] = new Array<StorageValue>(count);
  for (let i = 0; i < count; i++) {
    const length = payload.readInt32BE(o);
    o += 4;
    if (length < 0) {
      params[i] = null;
      continue;
    }
    const bytes = payload.subarray(o, o + length);
    o += length;
    const format = formatCount === 0 ? 0 : formatCount === 1 ? formats[0]! : (formats[i] ?? 0);
    params[i] = format === 1 ? binaryParam(bytes, paramTypes[i]!, i) : fromText(bytes.toString('utf8'), paramTypes[i]!);
  }
  const resultCount = payload.readInt16BE(o);
  o += 2;
  const resultFormats: number[] = [];
  for (let i = 0; i < resultCount; i++, o += 2) resultFormats.push(payload.readInt16BE(o));
  return { params, resultFormats };
}

const INT_RE = /^\s*[+-]?\d+\s*$/;
const NUMERIC_RE = /^\s*([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/;

export function fromText(text: string, oid: number): StorageValue {
  switch (oid) {
    case Oid.bool:
      return parseBool(text);
    case Oid.int2:
      return parseInt(text, 'smallint', 32767);
    case Oid.int4:
      return parseInt(text, 'integer', 2147483647);
    case Oid.int8:
      return parseInt(text, 'bigint', null);
    case Oid.float4:
    case Oid.float8:
      return parseFloatText(text, oid === Oid.float4 ? 'real' : 'double precision');
    case Oid.numeric:
      return canonicalNumeric(text);
    case Oid.bytea:
      return parseBytea(text);
    case Oid.uuid:
      return text.toLowerCase();
    case Oid.date:
    case Oid.time:
    case Oid.timestamp:
    case Oid.timestamptz:
    case Oid.interval:
    case Oid.jsonb:
      return storageText(text, oid);
    default:
      return text;
  }
}

/** Input text of a type whose storage form is canonical text (DESIGN.md): `+02` offsets to UTC, jsonb key order… */
function storageText(text: string, oid: number): string {
  try {
    switch (oid) {
      case Oid.date:
        return formatDate(parseDate(text));
      case Oid.time:
        return formatTime(parseTime(text));
      case Oid.timestamp:
        return formatTimestamp(parseTimestamp(text));
      case Oid.timestamptz:
        return formatTimestamptz(parseTimestamptz(text));
      case Oid.interval:
        return formatInterval(parseInterval(text));
      default:
        return jsonbCanonical(text);
    }
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    throw new BindError(typeof code === 'string' ? code : '22P02', err instanceof Error ? err.message : String(err));
  }
}

/** Postgres's binary send format sizes of the fixed-width types (another length is 22P03, as in Postgres). */
const BINARY_SIZE: Readonly<Record<number, number>> = {
  [Oid.bool]: 1, [Oid.int2]: 2, [Oid.int4]: 4, [Oid.int8]: 8, [Oid.float4]: 4, [Oid.float8]: 8, [Oid.uuid]: 16,
  [Oid.date]: 4, [Oid.time]: 8, [Oid.timestamp]: 8, [Oid.timestamptz]: 8, [Oid.interval]: 16,
};
/** Postgres's binary dates and timestamps count from 2000-01-01; ours from 1970-01-01. */
const PG_EPOCH_DAYS = 10957;
const PG_EPOCH_US = 946684800000000n;

function binaryParam(b: Buffer, oid: number, index: number): StorageValue {
  const size = BINARY_SIZE[oid];
  const bad = () => new BindError('22P03', `incorrect binary data format in bind parameter ${index + 1}`);
  if (size !== undefined && b.length !== size) throw bad();
  try {
    return fromBinary(b, oid);
  } catch (err) {
    if (err instanceof RangeError) throw bad();
    throw err;
  }
}

function fromBinary(b: Buffer, oid: number): StorageValue {
  switch (oid) {
    case Oid.date: {
      const d = b.readInt32BE(0);
      return formatDate(d === -0x80000000 ? -Infinity : d === 0x7fffffff ? Infinity : d + PG_EPOCH_DAYS);
    }
    case Oid.timestamp:
    case Oid.timestamptz: {
      const t = b.readBigInt64BE(0);
      const ts = t === -(2n ** 63n) || t === 2n ** 63n - 1n ? t : t + PG_EPOCH_US;
      return oid === Oid.timestamp ? formatTimestamp(ts) : formatTimestamptz(ts);
    }
    case Oid.time:
      return formatTime(b.readBigInt64BE(0));
    case Oid.interval:
      return formatInterval({ us: b.readBigInt64BE(0), days: b.readInt32BE(8), months: b.readInt32BE(12) });
    case Oid.numeric:
      return binaryNumeric(b);
    case Oid.jsonb:
      // Version byte 1, then the text.
      if (b[0] !== 1) throw new BindError('22P03', `unsupported jsonb version number ${b[0] ?? ''}`);
      return storageText(b.toString('utf8', 1), Oid.jsonb);
    case Oid.bool:
      return b[0] ? 1 : 0;
    case Oid.int2:
      return b.readInt16BE(0);
    case Oid.int4:
      return b.readInt32BE(0);
    case Oid.int8: {
      const v = b.readBigInt64BE(0);
      return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
    }
    case Oid.float4:
      return floatStorage(b.readFloatBE(0));
    case Oid.float8:
      return floatStorage(b.readDoubleBE(0));
    case Oid.bytea:
      return Buffer.from(b);
    case Oid.uuid: {
      const h = b.toString('hex');
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    }
    default:
      return b.toString('utf8');
  }
}

/** numeric's binary form: ndigits, weight, sign, dscale (int16 each), then base-10000 digits. */
function binaryNumeric(b: Buffer): string {
  const ndigits = b.readInt16BE(0);
  const weight = b.readInt16BE(2);
  const sign = b.readUInt16BE(4);
  const dscale = b.readInt16BE(6);
  if (sign === 0xc000) return 'NaN';
  if (sign !== 0 && sign !== 0x4000) throw new BindError('22P03', 'invalid sign in external "numeric" value');
  let int = '';
  let frac = weight < -1 ? '0000'.repeat(-weight - 1) : '';
  for (let i = 0; i < ndigits; i++) {
    const d = String(b.readInt16BE(8 + 2 * i)).padStart(4, '0');
    if (i <= weight) int += d;
    else frac += d;
  }
  if (weight >= ndigits) int += '0000'.repeat(weight - ndigits + 1);
  frac = frac.padEnd(dscale, '0').slice(0, Math.max(dscale, 0));
  return canonicalNumeric(`${sign === 0x4000 ? '-' : ''}${int || '0'}${frac ? '.' + frac : ''}`);
}

function floatStorage(x: number): StorageValue {
  return Number.isFinite(x) ? x : Number.isNaN(x) ? 'NaN' : x > 0 ? 'Infinity' : '-Infinity';
}

function parseBool(text: string): number {
  const t = text.trim().toLowerCase();
  if (['t', 'true', 'y', 'yes', 'on', '1'].includes(t)) return 1;
  if (['f', 'false', 'n', 'no', 'off', '0'].includes(t)) return 0;
  throw new BindError('22P02', `invalid input syntax for type boolean: "${text}"`);
}

function parseInt(text: string, type: string, max: number | null): number | bigint {
  if (!INT_RE.test(text)) throw new BindError('22P02', `invalid input syntax for type ${type}: "${text}"`);
  const v = BigInt(text.trim());
  if (max !== null ? v > BigInt(max) || v < -BigInt(max) - 1n : v > 0x7fffffffffffffffn || v < -0x8000000000000000n) {
    throw new BindError('22003', `value "${text}" is out of range for type ${type}`);
  }
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

function parseFloatText(text: string, type: string): StorageValue {
  const t = text.trim().toLowerCase();
  if (t === 'nan') return 'NaN';
  if (t === 'infinity' || t === '+infinity' || t === 'inf') return 'Infinity';
  if (t === '-infinity' || t === '-inf') return '-Infinity';
  const v = Number(t);
  if (t === '' || Number.isNaN(v)) throw new BindError('22P02', `invalid input syntax for type ${type}: "${text}"`);
  return v;
}

/** Canonical numeric text: no exponent, no `+`, no leading zeros, `-0` → `0`, the scale as written. */
export function canonicalNumeric(text: string): string {
  if (/^\s*nan\s*$/i.test(text)) return 'NaN';
  const m = NUMERIC_RE.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw new BindError('22P02', `invalid input syntax for type numeric: "${text}"`);
  let digits = (m[2] ?? '') + (m[3] ?? '');
  let scale = (m[3] ?? '').length - Number(m[4] ?? 0);
  if (scale < 0) {
    digits += '0'.repeat(-scale);
    scale = 0;
  }
  digits = digits.padStart(scale + 1, '0');
  let intPart = digits.slice(0, digits.length - scale).replace(/^0+(?=\d)/, '');
  const frac = digits.slice(digits.length - scale);
  if (intPart === '') intPart = '0';
  const body = scale > 0 ? `${intPart}.${frac}` : intPart;
  return m[1] === '-' && /[1-9]/.test(body) ? '-' + body : body;
}

function parseBytea(text: string): Buffer {
  if (text.startsWith('\\x')) return Buffer.from(text.slice(2), 'hex');
  // Escape format: `\\` is a backslash, `\nnn` an octal byte, anything else as is.
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x5c) {
      out.push(...Buffer.from(text[i]!, 'utf8'));
    } else if (text[i + 1] === '\\') {
      out.push(0x5c);
      i++;
    } else {
      out.push(Number.parseInt(text.slice(i + 1, i + 4), 8));
      i += 3;
    }
  }
  return Buffer.from(out);
}
