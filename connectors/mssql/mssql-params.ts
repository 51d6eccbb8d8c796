// Bind values → what the mssql package sends for each `@pN`: the value read by its Postgres type (text or
// binary, decoded by the SQLite connector's decodeBind into its storage form) is converted to the JS value
// tedious expects for the parameter's declared SQL Server type (TsqlParam).
import mssql from 'mssql';
import { parseDate, parseTime, parseTimestamp, parseTimestamptz } from '../sqlite/functions/datetime-parse.js';
import { BindError, decodeBind } from '../sqlite/sqlite-params.js';
import type { StorageValue } from '../sqlite/sqlite-types.js';
import type { TsqlParam } from './mssql-plan.js';

export type ParamValue = boolean | number | bigint | string | Buffer | Date | null;
export type BoundParams = { readonly values: ParamValue[]; readonly resultFormats: readonly number[] };

const TIMESTAMPTZ = 1184;
/** SQL Server's date range: 0001-01-01 … 9999-12-31. */
const MIN_MS = new Date(0).setUTCFullYear(1, 0, 1);
const MAX_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/**
 * Reads a Bind payload (after the names) into server values for `params`, in the plan's parameter order.
 * `timeZone`: the session's, for timestamptz text without a zone (as Postgres reads it).
 */
export function bindParams(payload: Buffer, restOffset: number, paramOids: readonly number[], params: readonly TsqlParam[], timeZone = 'UTC'): BoundParams {
  // timestamptz in text format is kept as the client wrote it (decodeBind would read it as UTC).
  const decodeOids = paramOids.map((oid, i) => (oid === TIMESTAMPTZ && formatOf(payload, restOffset, i) === 0 ? 25 : oid));
  const bound = decodeBind(payload, restOffset, decodeOids);
  const values = bound.params.map((v, i) => serverValue(v, params[i] ?? paramForType(paramOids[i] ?? 25), paramOids[i] ?? 25, timeZone));
  return { values, resultFormats: bound.resultFormats };
}

/** Parameter i's format code in a Bind payload (none listed: text; one: all). */
function formatOf(payload: Buffer, restOffset: number, i: number): number {
  const count = payload.readInt16BE(restOffset);
  if (count === 0) return 0;
  return payload.readInt16BE(restOffset + 2 + 2 * (count === 1 ? 0 : i));
}

/**
 * A value in the SQLite storage form (by Postgres type `oid`; timestamptz may also be the client's own text)
 * → the JS value tedious sends for `param`.
 */
export function serverValue(v: StorageValue, param: TsqlParam, oid: number, timeZone = 'UTC'): ParamValue {
  if (v === null) return null;
  switch (param.type) {
    case 'Bit':
      return toBool(v);
    case 'TinyInt':
    case 'SmallInt':
    case 'Int':
      return Number(toInteger(v));
    case 'BigInt':
      return toInteger(v);
    case 'Real':
    case 'Float':
      return toFloat(v);
    case 'Decimal':
      // tedious reads a decimal parameter through parseFloat: exact to ~15 significant digits (documented gap).
      return typeof v === 'object' ? Buffer.from(v).toString('utf8') : String(v);
    case 'NVarChar':
      return typeof v === 'object' ? Buffer.from(v).toString('utf8') : String(v);
    case 'VarBinary':
      return typeof v === 'object' ? Buffer.from(v) : Buffer.from(String(v), 'utf8');
    case 'UniqueIdentifier':
      return String(v);
    case 'Date':
      return dateOf(BigInt(parseDate(text(v))) * 86_400_000_000n);
    case 'Time':
      return dateOf(parseTime(text(v)));
    case 'DateTime2':
    case 'DateTimeOffset':
      return dateOf(oid === TIMESTAMPTZ ? parseTimestamptz(text(v), undefined, timeZone) : parseTimestamp(text(v)));
  }
}

/** The mssql type declaration of a parameter. */
export function sqlTypeOf(p: TsqlParam): mssql.ISqlType {
  const T = mssql.TYPES;
  switch (p.type) {
    case 'NVarChar':
      return T.NVarChar(p.length === undefined || p.length < 0 ? mssql.MAX : p.length);
    case 'VarBinary':
      return T.VarBinary(p.length === undefined || p.length < 0 ? mssql.MAX : p.length);
    case 'Decimal':
      return T.Decimal(p.length ?? 38, p.scale ?? 10);
    case 'Time':
      return T.Time(p.length ?? 7);
    case 'DateTime2':
      return T.DateTime2(p.length ?? 7);
    case 'DateTimeOffset':
      return T.DateTimeOffset(p.length ?? 7);
    default:
      return T[p.type]();
  }
}

/** The type declared for a parameter of Postgres type `oid` when the plan has no TsqlParam for it. */
export function paramForType(oid: number): TsqlParam {
  switch (oid) {
    case 16:
      return { type: 'Bit' };
    case 21:
      return { type: 'SmallInt' };
    case 23:
      return { type: 'Int' };
    case 20:
      return { type: 'BigInt' };
    case 700:
      return { type: 'Real' };
    case 701:
      return { type: 'Float' };
    case 17:
      return { type: 'VarBinary', length: -1 };
    case 1082:
      return { type: 'Date' };
    case 1083:
      return { type: 'Time', length: 6 };
    case 1114:
      return { type: 'DateTime2', length: 6 };
    case 1184:
      return { type: 'DateTimeOffset', length: 6 };
    case 2950:
      return { type: 'UniqueIdentifier' };
    default:
      return { type: 'NVarChar', length: -1 };
  }
}

function text(v: Exclude<StorageValue, null>): string {
  return typeof v === 'object' ? Buffer.from(v).toString('utf8') : String(v);
}

function toBool(v: Exclude<StorageValue, null>): boolean {
  if (typeof v === 'number' || typeof v === 'bigint') return Number(v) !== 0;
  const t = text(v).trim().toLowerCase();
  if (['t', 'true', 'y', 'yes', 'on', '1'].includes(t)) return true;
  if (['f', 'false', 'n', 'no', 'off', '0'].includes(t)) return false;
  throw new BindError('22P02', `invalid input syntax for type boolean: "${text(v)}"`);
}

function toInteger(v: Exclude<StorageValue, null>): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  const t = text(v).trim();
  if (!/^[+-]?\d+$/.test(t)) throw new BindError('22P02', `invalid input syntax for type integer: "${t}"`);
  return BigInt(t);
}

function toFloat(v: Exclude<StorageValue, null>): number {
  const x = typeof v === 'number' ? v : Number(text(v));
  // SQL Server's float and real hold neither NaN nor infinities.
  if (!Number.isFinite(x)) throw new BindError('22003', `value "${text(v)}" cannot be stored in SQL Server (no NaN or infinity in float)`);
  return x;
}

/** Microseconds since 1970-01-01 (UTC) → a Date carrying the sub-millisecond part where tedious reads it. */
export function dateOf(us: bigint): Date {
  const ms = us >= 0n ? us / 1000n : -((-us + 999n) / 1000n);
  const msNumber = Number(ms);
  if (!(msNumber >= MIN_MS && msNumber <= MAX_MS)) throw new BindError('22008', 'date/time value out of range for SQL Server (0001-01-01 to 9999-12-31)');
  const d = new Date(msNumber);
  // tedious reads `nanosecondDelta` (seconds below the millisecond) when it writes time, datetime2 and datetimeoffset.
  Object.defineProperty(d, 'nanosecondDelta', { value: Number(us - ms * 1000n) / 1e6, enumerable: false });
  return d;
}
