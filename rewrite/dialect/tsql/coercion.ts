// Turning an expression of one Postgres type into another, the way Postgres's casts behave, in T-SQL. Untyped
// literals take the type their context asks for (checked and written out here, as Postgres would read them);
// untyped parameters get their type from the context too (ParameterDescription and the @pN declaration).
import { CompileError, unsupported } from '../common/compile-error.js';
import { charLength, displayType, isNumberLike, pgType, T, type PgType } from '../common/pg-types.js';
import type { TsqlContext } from './context.js';
import { asValue, texpr, type TExpr } from './texpr.js';
import { literal } from './tsql-text.js';
import { tsqlType } from './tsql-types.js';

export type CoercionMode = 'implicit' | 'assignment' | 'explicit';

export function coerce(ctx: TsqlContext, e: TExpr, to: PgType, mode: CoercionMode = 'implicit'): TExpr {
  if (to.category === 'unknown') return e;
  if (e.isNull) return mode === 'explicit' ? texpr(`CAST(NULL AS ${tsqlType(to)})`, to, e.name, { isNull: true }) : { ...e, type: to };
  if (e.param !== undefined && ctx.paramType(e.param) === undefined) {
    // A parameter's type carries no typmod (Postgres describes $1 as numeric, not numeric(10,2)).
    const base = to.typmod >= 0 ? (pgType(to.name) ?? to) : to;
    ctx.setParamType(e.param, base);
    // A numeric parameter travels as text and is cast here: tedious would read a decimal through a JS number.
    const sql = base.category === 'numeric' ? `CAST(${e.sql} AS ${tsqlType(mode === 'implicit' ? base : to)})` : e.sql;
    ctx.paramText.set(e.param, sql);
    const p: TExpr = { sql, type: base, name: e.name };
    return mode === 'explicit' && base !== to ? convert(p, to, mode) : { ...p, type: to };
  }
  if (e.unknownText !== undefined) return { ...literalAs(e.unknownText, to, mode), name: e.name, notNull: true };
  if (e.type.name === to.name && (to.typmod < 0 || e.type.typmod === to.typmod || mode === 'implicit')) return e.type === to ? e : { ...e, type: to };
  if (mode === 'implicit' && !implicitlyConvertible(e.type, to)) {
    throw new CompileError('42883', `operator does not exist: ${displayType(e.type)} and ${displayType(to)} cannot be compared or combined without a cast`);
  }
  if (mode !== 'implicit') checkCastable(e.type, to);
  return convert(e, to, mode);
}

/** Postgres's implicit casts that T-SQL performs on its own (numbers widen; char types are text; date → timestamp). */
function implicitlyConvertible(from: PgType, to: PgType): boolean {
  if (isNumberLike(from) && isNumberLike(to)) return true;
  if (from.category === 'text' && to.category === 'text') return true;
  if (from.category === 'date' && (to.category === 'timestamp' || to.category === 'timestamptz')) return true;
  if (from.category === 'timestamp' && to.category === 'timestamptz') return true;
  if (from.category === 'unknown') return true;
  return from.category === to.category;
}

/** A known-typed expression converted as Postgres's cast from its type to `to` would. */
function convert(e: TExpr, to: PgType, mode: CoercionMode): TExpr {
  const from = e.type;
  const value = asValue(e);
  const out = (sql: string): TExpr => texpr(sql, to, e.name, e.notNull ? { notNull: true } : {});
  const target = tsqlType(to);
  switch (to.category) {
    case 'text': {
      const n = charLength(to);
      let text: string;
      if (from.category === 'bool') text = `CASE WHEN ${value} = 1 THEN N'true' WHEN ${value} = 0 THEN N'false' END`;
      else if (from.category === 'uuid') text = `LOWER(CONVERT(nvarchar(36), ${value}))`;
      // .NET's round-trip format: the shortest text that reads back as the same double, as Postgres prints it.
      else if (from.category === 'float') text = `LOWER(FORMAT(${value}, 'R', 'en-US'))`;
      else if (from.category === 'timestamp' || from.category === 'timestamptz') text = timestampText(value, from.category === 'timestamptz');
      else if (from.category === 'date') text = `CONVERT(nvarchar(10), ${value}, 23)`;
      // char(n) → text drops the padding, as Postgres's bpchar → text does.
      else if (from.name === 'bpchar' && to.name !== 'bpchar') text = `RTRIM(${value})`;
      else if (from.category === 'text') text = value;
      else text = `CONVERT(nvarchar(max), ${value})`;
      if (n === null) return out(text);
      // An explicit cast to varchar(n)/char(n) truncates (an assignment raises 22001, as SQL Server does).
      return out(mode === 'explicit' ? `CAST(LEFT(${text}, ${n}) AS ${target})` : `CAST(${text} AS ${target})`);
    }
    case 'bool':
      if (from.category === 'int') return out(`CAST(CASE WHEN ${value} IS NULL THEN NULL WHEN ${value} = 0 THEN 0 ELSE 1 END AS bit)`);
      if (from.category === 'text') {
        const t = `LOWER(LTRIM(RTRIM(${value})))`;
        return out(`CAST(CASE WHEN ${t} IN (N't', N'tr', N'tru', N'true', N'y', N'ye', N'yes', N'on', N'1') THEN 1 WHEN ${t} IN (N'f', N'fa', N'fal', N'fals', N'false', N'n', N'no', N'of', N'off', N'0') THEN 0 END AS bit)`);
      }
      throw unsupported(`cast from ${displayType(from)} to boolean`);
    case 'int':
      // Postgres rounds to the nearest integer (numeric: half away from zero; float: half to even); T-SQL's CAST truncates.
      if (from.category === 'numeric') return out(`CAST(ROUND(${value}, 0) AS ${target})`);
      if (from.category === 'float') return out(`CAST(${roundHalfEven(value)} AS ${target})`);
      if (from.category === 'bool') return out(`CAST(${value} AS ${target})`);
      break;
    case 'timestamp':
      // timestamptz → timestamp: the local time in the session's zone (UTC on SQL Server tenants).
      if (from.category === 'timestamptz') return out(`CAST(SWITCHOFFSET(${value}, '+00:00') AS ${target})`);
      break;
    case 'timestamptz':
      if (from.category === 'timestamp' || from.category === 'date') return out(`TODATETIMEOFFSET(CAST(${value} AS datetime2(6)), '+00:00')`);
      break;
    case 'date':
      if (from.category === 'timestamptz') return out(`CAST(SWITCHOFFSET(${value}, '+00:00') AS date)`);
      break;
    case 'array':
    case 'interval':
    case 'record':
    case 'void':
    case 'oid':
      throw unsupported(`type ${displayType(to)}`);
    default:
      break;
  }
  if (mode === 'implicit' && isNumberLike(from) && isNumberLike(to)) return { ...e, type: to };
  // An integer as an unconstrained numeric has no decimals (decimal(38,10) would print ten zeros).
  if (to.name === 'numeric' && to.typmod < 0 && from.category === 'int') return out(`CAST(${value} AS decimal(38,0))`);
  return out(`CAST(${value} AS ${target})`);
}

/** rint(): half to even, as Postgres rounds a double to an integer (T-SQL's ROUND goes half away from zero). */
export function roundHalfEven(value: string): string {
  return `(CASE WHEN ${value} - FLOOR(${value}) = 0.5 THEN 2 * ROUND(${value} / 2, 0) ELSE ROUND(${value}, 0) END)`;
}

/** A timestamp as Postgres prints it: seconds, then a fraction only when there is one (trailing zeros dropped); timestamptz in UTC with +00. */
function timestampText(value: string, withZone: boolean): string {
  const utc = withZone ? `CAST(SWITCHOFFSET(${value}, '+00:00') AS datetime2(6))` : `CAST(${value} AS datetime2(6))`;
  const micros = `DATEPART(microsecond, ${utc})`;
  const fraction = `CASE WHEN ${micros} = 0 THEN N'' ELSE N'.' + REPLACE(RTRIM(REPLACE(RIGHT(N'00000' + CAST(${micros} AS nvarchar(6)), 6), N'0', N' ')), N' ', N'0') END`;
  return `(CONVERT(nvarchar(19), ${utc}, 120) + ${fraction}${withZone ? " + N'+00'" : ''})`;
}

/** Casts Postgres refuses outright (42846): anything to or from a type of another family, except through text. */
function checkCastable(from: PgType, to: PgType): void {
  const family = (t: PgType): string => (['int', 'float', 'numeric', 'oid'].includes(t.category) ? 'number' : ['date', 'timestamp', 'timestamptz'].includes(t.category) ? 'datetime' : t.category);
  const [a, b] = [family(from), family(to)];
  if (a === b || a === 'text' || b === 'text' || a === 'unknown') return;
  if (to.category === 'time' && (from.category === 'timestamp' || from.category === 'timestamptz')) return;
  if ((a === 'bool' && from.category === 'bool' && to.category === 'int') || (a === 'number' && from.category === 'int' && b === 'bool')) return;
  if ((a === 'json' || a === 'jsonb') && (b === 'json' || b === 'jsonb')) return;
  throw new CompileError('42846', `cannot cast type ${displayType(from)} to ${displayType(to)}`);
}

/** A string literal read as a value of type `to`, checked the way Postgres's input function checks it. */
export function literalAs(text: string, to: PgType, mode: CoercionMode = 'implicit'): TExpr {
  const bad = (): CompileError => new CompileError('22P02', `invalid input syntax for type ${displayType(to)}: "${text}"`);
  const t = text.trim();
  switch (to.category) {
    case 'unknown':
    case 'text':
    case 'json':
    case 'jsonb': {
      const n = charLength(to);
      if (n !== null && mode === 'explicit' && [...text].length > n) return texpr(literal([...text].slice(0, n).join('')), to);
      return texpr(literal(text), to);
    }
    case 'int': {
      if (!/^[+-]?\d+$/.test(t)) throw bad();
      const limit = to.name === 'int2' ? 32767n : to.name === 'int4' ? 2147483647n : 9223372036854775807n;
      const v = BigInt(t);
      if (v > limit || v < -limit - 1n) throw new CompileError('22003', `value "${text}" is out of range for type ${displayType(to)}`);
      return texpr(to.name === 'int8' && (v > 2147483647n || v < -2147483648n) ? `CAST(${v} AS bigint)` : String(v), to);
    }
    case 'numeric':
      if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) throw /^[+-]?nan$/i.test(t) ? unsupported('numeric NaN') : bad();
      return texpr(`CAST(${t.replace(/^\+/, '')} AS ${tsqlType(to)})`, to);
    case 'float':
      if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) throw /^[+-]?(nan|inf|infinity)$/i.test(t) ? unsupported(`float value ${t}`) : bad();
      return texpr(`CAST(${t.replace(/^\+/, '')} AS ${tsqlType(to)})`, to);
    case 'bool': {
      const b = boolText(t);
      if (b === null) throw bad();
      return texpr(`CAST(${b ? 1 : 0} AS bit)`, to);
    }
    case 'uuid': {
      const hex = t.replace(/^\{|\}$/g, '').replaceAll('-', '');
      if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw bad();
      const h = hex.toLowerCase();
      return texpr(`CAST(${literal(`${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`)} AS uniqueidentifier)`, to);
    }
    case 'bytea':
      if (!/^\\x([0-9a-fA-F]{2})*$/.test(t)) throw unsupported('bytea literals in escape format');
      return texpr(t.length === 2 ? '0x' : `0x${t.slice(2)}`, to);
    case 'date':
    case 'timestamp':
    case 'timestamptz':
    case 'time':
      return dateTimeLiteral(t, to, bad);
    default:
      throw unsupported(`a literal of type ${displayType(to)}`);
  }
}

const TRUE_WORDS = ['t', 'tr', 'tru', 'true', 'y', 'ye', 'yes', 'on', '1'];
const FALSE_WORDS = ['f', 'fa', 'fal', 'fals', 'false', 'n', 'no', 'of', 'off', '0'];

function boolText(text: string): boolean | null {
  const t = text.toLowerCase();
  if (TRUE_WORDS.includes(t)) return true;
  if (FALSE_WORDS.includes(t)) return false;
  return null;
}

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?))?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const TIME = /^(\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)$/;

/** ISO dates and times (the forms clients and ORMs send); other spellings Postgres accepts are refused by name. */
function dateTimeLiteral(text: string, to: PgType, bad: () => CompileError): TExpr {
  const special = text.toLowerCase();
  if (['infinity', '-infinity', 'epoch', 'allballs'].includes(special)) throw unsupported(`the special ${displayType(to)} value '${text}'`);
  if (special === 'now' || special === 'today') throw unsupported(`'${text}' as a literal (use now() or current_date)`);
  const target = tsqlType(to);
  if (to.category === 'time') {
    if (!TIME.test(text)) throw bad();
    return texpr(`CAST(${literal(text)} AS ${target})`, to);
  }
  const m = DATE_TIME.exec(text);
  if (!m) throw bad();
  const [, date, time, zone] = m;
  if (to.category === 'date') return texpr(`CAST(${literal(date!)} AS date)`, to);
  const clock = time ? (time.length === 5 ? time + ':00' : time) : '00:00:00';
  if (to.category === 'timestamp') return texpr(`CAST(${literal(`${date}T${clock}`)} AS ${target})`, to);
  // timestamptz without a zone is read in the session's zone (UTC on SQL Server tenants).
  return texpr(`CAST(${literal(`${date}T${clock}${offsetText(zone)}`)} AS ${target})`, to);
}

function offsetText(zone: string | undefined): string {
  if (!zone || zone.toUpperCase() === 'Z') return '+00:00';
  const sign = zone[0];
  const digits = zone.slice(1).replace(':', '');
  return `${sign}${digits.slice(0, 2)}:${digits.slice(2) || '00'}`;
}

const NUMBER_RANK: Record<string, number> = { int2: 1, int4: 2, int8: 3, oid: 3, numeric: 4, float4: 5, float8: 6 };

/**
 * The type Postgres picks for a set of expressions that must agree (CASE, COALESCE, UNION, VALUES, IN lists):
 * the first known type, widened along the numbers; among the string types the first one stays (varchar and
 * text convert both ways). The typmod survives only when every input has that same type and typmod.
 */
export function commonType(types: readonly PgType[]): PgType {
  const known = types.filter((t) => t.category !== 'unknown');
  if (known.length === 0) return T('text');
  let best = known[0]!;
  for (const t of known.slice(1)) {
    if (t.name === best.name) continue;
    const a = NUMBER_RANK[best.name];
    const b = NUMBER_RANK[t.name];
    if (a !== undefined && b !== undefined) best = b > a ? t : best;
    else if (best.category === 'text' && t.category === 'text') continue;
    else if ((best.category === 'timestamp' || best.category === 'date') && (t.category === 'timestamptz' || t.category === 'timestamp')) best = t.category === 'timestamptz' ? T('timestamptz') : T('timestamp');
    else if (best.category === 'timestamptz' && (t.category === 'timestamp' || t.category === 'date')) continue;
    else throw new CompileError('42804', `types ${displayType(best)} and ${displayType(t)} cannot be matched`);
  }
  const same = known.length === types.length && types.every((t) => t.name === best.name && t.typmod === best.typmod);
  return same || best.typmod < 0 ? best : (pgType(best.name) ?? best);
}

