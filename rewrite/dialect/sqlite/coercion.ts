// Turning an expression of one Postgres type into another, the way Postgres's casts behave, over the
// storage convention (connectors/sqlite/DESIGN.md). Untyped literals and parameters take the type their
// context asks for, as Postgres resolves `unknown`.
import type { CompileContext } from './compile-context.js';
import { CompileError, unsupported } from './compile-error.js';
import { expr, type Expr } from './expr.js';
import { charLength, displayType, numericPrecision, pgType, T, type PgType } from '../common/pg-types.js';
import { isRegType, regCoercion, regParam } from './reg-casts.js';
import { call, literal } from './sql-text.js';

/** implicit: operator/function argument; assignment: INSERT/UPDATE value; explicit: a cast. */
export type CoercionMode = 'implicit' | 'assignment' | 'explicit';

export function coerce(ctx: CompileContext, e: Expr, to: PgType, mode: CoercionMode = 'implicit'): Expr {
  if (e.isNull) return { ...e, type: to, isNull: true };
  // timestamp(p)/time(p) round the fractional seconds to p digits: no storage function does that.
  if (mode !== 'implicit' && (to.category === 'timestamp' || to.category === 'timestamptz' || to.category === 'time') && to.typmod >= 0 && to.typmod < 6 && !(e.type.name === to.name && e.type.typmod === to.typmod)) throw unsupported(displayType(to));
  if (e.param !== undefined && ctx.paramType(e.param) === undefined) {
    // A parameter's type has no typmod (Postgres describes $1 as numeric, not numeric(10,2)); assigned to or cast
    // to a numeric(p,s) / varchar(n) / char(n), the bound value is rounded, checked or padded like any other value.
    const base = to.typmod >= 0 && typmodMatters(to) ? (pgType(to.name) ?? to) : to;
    ctx.setParamType(e.param, base);
    const p: Expr = { sql: isRegType(base) ? regParam(e.sql, base) : e.sql, type: base, name: e.name };
    return base === to || mode === 'implicit' ? { ...p, type: to } : coerce(ctx, p, to, mode);
  }
  const reg = regCoercion(ctx, e, to);
  if (reg) return reg;
  if (e.unknownText !== undefined) return withName(literalAs(e.unknownText, to, mode), e.name);
  const from = e.type;
  if (from.name === to.name && (to.typmod < 0 || from.typmod === to.typmod || !typmodMatters(to))) return e.type === to ? e : { ...e, type: to };
  const sql = convert(e.sql, from, to, mode);
  return { sql, type: to, name: e.name };
}

/** The text a string literal stands for, typed as `to`, in storage form (computed here when simple). */
export function literalAs(text: string, to: PgType, mode: CoercionMode = 'implicit'): Expr {
  const lit = literal(text);
  switch (to.category) {
    case 'unknown':
    case 'text': {
      const n = charLength(to);
      if (n === null) return expr(lit, to);
      // An explicit cast to char(n) truncates, as to varchar(n); an assignment raises 22001.
      if (to.name === 'bpchar') return expr(mode === 'explicit' ? call('pgf_char', lit, String(n), '1') : call('pgf_char', lit, String(n)), to);
      return expr(mode === 'explicit' ? call('substr', lit, '1', String(n)) : call('pgf_varchar', lit, String(n)), to);
    }
    case 'int':
    case 'oid':
      return /^\s*[+-]?\d{1,15}\s*$/.test(text) ? expr(String(Number(text)), to) : expr(call('pgf_int', lit, String(bits(to))), to);
    case 'float':
      return /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(text) ? expr(floatLiteral(text.trim()), to) : expr(call('pgf_float', lit), to);
    case 'numeric': {
      const p = numericPrecision(to);
      if (p === null && /^-?(0|[1-9]\d*)(\.\d+)?$/.test(text)) return expr(lit, to);
      return expr(p === null ? call('pgf_numeric', lit) : call('pgf_numeric', lit, String(p[0]), String(p[1])), to);
    }
    case 'bool': {
      const b = boolText(text);
      return expr(b === null ? call('pgf_bool', lit) : b, to);
    }
    case 'date':
    case 'timestamp':
    case 'timestamptz':
    case 'time':
    case 'interval':
    case 'json':
    case 'jsonb':
    case 'uuid':
    case 'bytea':
      return expr(fromText(lit, to), to);
    case 'array':
      return expr(lit, to);
    default:
      throw new CompileError('42804', `cannot cast type unknown to ${displayType(to)}`);
  }
}

function withName(e: Expr, name: string): Expr {
  return { ...e, name };
}

function typmodMatters(t: PgType): boolean {
  return t.name === 'numeric' || t.name === 'varchar' || t.name === 'bpchar';
}

function bits(t: PgType): number {
  return t.name === 'int2' ? 16 : t.name === 'int8' ? 64 : 32;
}

function floatLiteral(text: string): string {
  // SQLite reads 1 as an integer: keep a float a float.
  return /[.eE]/.test(text) ? text : text + '.0';
}

function boolText(text: string): string | null {
  const t = text.trim().toLowerCase();
  if (t === '') return null;
  if (['t', 'tr', 'tru', 'true', 'y', 'ye', 'yes', 'on', '1'].includes(t)) return '1';
  if (['f', 'fa', 'fal', 'fals', 'false', 'n', 'no', 'of', 'off', '0'].includes(t)) return '0';
  return null;
}

/**
 * The value as its type's output function prints it, which is what concat(), format() and `text || anynonarray`
 * use instead of a cast: booleans as t/f (a cast gives true/false), character(n) with its padding.
 */
export function outputText(ctx: CompileContext, e: Expr): string {
  if (e.type.category === 'bool') return `(CASE ${e.sql} WHEN 1 THEN 't' WHEN 0 THEN 'f' END)`;
  if (e.type.name === 'bpchar') return e.sql;
  return coerce(ctx, e, T('text'), 'explicit').sql;
}

/** Storage of `from` → storage of `to`. */
function convert(sql: string, from: PgType, to: PgType, mode: CoercionMode): string {
  const f = from.category;
  const t = to.category;
  if (t === 'text' || t === 'unknown') return toText(sql, from, to, mode);
  if (f === 'text' || f === 'unknown') return fromText(sql, to);
  switch (t) {
    case 'int':
    case 'oid':
      if (f === 'int' || f === 'oid' || f === 'bool') return sql;
      // numeric rounds half away from zero, float half to even (rint); both fail with 22003 out of range.
      if (f === 'numeric') return call('pgf_int', sql, String(bits(to)), '1');
      if (f === 'float') return call('pgf_int', call('pgf_float_round', sql), String(bits(to)), '1');
      break;
    case 'float':
      if (f === 'int' || f === 'numeric' || f === 'float') return `CAST(${sql} AS REAL)`;
      break;
    case 'numeric': {
      const p = numericPrecision(to);
      if (f === 'int' || f === 'float' || f === 'numeric') return p === null ? (f === 'numeric' ? sql : call('pgf_numeric', sql)) : call('pgf_numeric', sql, String(p[0]), String(p[1]));
      break;
    }
    case 'bool':
      if (f === 'int') return `(${sql} <> 0)`;
      break;
    case 'date':
      if (f === 'timestamp' || f === 'timestamptz') return `substr(${sql}, 1, 10)`;
      break;
    case 'timestamp':
      if (f === 'date') return `(${sql} || ' 00:00:00')`;
      if (f === 'timestamptz') return `substr(${sql}, 1, length(${sql}) - 3)`;
      break;
    case 'timestamptz':
      if (f === 'date') return `(${sql} || ' 00:00:00+00')`;
      if (f === 'timestamp') return `(${sql} || '+00')`;
      break;
    case 'time':
      if (f === 'timestamp') return `substr(${sql}, 12)`;
      if (f === 'timestamptz') return `substr(${sql}, 12, length(${sql}) - 14)`;
      break;
    case 'jsonb':
      if (f === 'json') return call('pgf_jsonb', sql);
      break;
    case 'json':
      if (f === 'jsonb') return sql;
      break;
    case 'array':
      if (f === 'array') return sql;
      break;
    case 'uuid':
    case 'interval':
    case 'bytea':
      break;
  }
  throw new CompileError('42846', `cannot cast type ${displayType(from)} to ${displayType(to)}`);
}

function toText(sql: string, from: PgType, to: PgType, mode: CoercionMode): string {
  let text: string;
  switch (from.category) {
    case 'int':
    case 'oid':
      text = `CAST(${sql} AS TEXT)`;
      break;
    case 'bool':
    case 'float':
    case 'bytea':
      text = call('pgf_text', sql, literal(from.name));
      break;
    case 'text':
      // character(n) → text drops the trailing blanks (rtrim), as Postgres's cast does.
      text = from.name === 'bpchar' && to.name !== 'bpchar' ? `rtrim(${sql}, ' ')` : sql;
      break;
    default:
      text = sql;
  }
  const n = charLength(to);
  if (n === null) return text;
  if (to.name === 'bpchar') return mode === 'explicit' ? call('pgf_char', text, String(n), '1') : call('pgf_char', text, String(n));
  return mode === 'explicit' ? call('substr', text, '1', String(n)) : call('pgf_varchar', text, String(n));
}

function fromText(sql: string, to: PgType): string {
  switch (to.category) {
    case 'int':
    case 'oid':
      return call('pgf_int', sql, String(bits(to)));
    case 'float':
      return call('pgf_float', sql);
    case 'numeric': {
      const p = numericPrecision(to);
      return p === null ? call('pgf_numeric', sql) : call('pgf_numeric', sql, String(p[0]), String(p[1]));
    }
    case 'array':
      return sql;
    case 'bool':
    case 'date':
    case 'timestamp':
    case 'timestamptz':
    case 'time':
    case 'interval':
    case 'json':
    case 'jsonb':
    case 'uuid':
    case 'bytea':
      return call(`pgf_${to.category}`, sql);
    default:
      throw unsupported(`a cast to ${displayType(to)}`);
  }
}

/** The common type of several expressions (CASE, COALESCE, UNION, VALUES), Postgres's resolution simplified. */
export function commonType(types: readonly PgType[]): PgType {
  const known = types.filter((t) => t.category !== 'unknown');
  if (known.length === 0) return T('text');
  let best = known[0]!;
  for (const t of known.slice(1)) best = wider(best, t);
  return best;
}

const NUMERIC_RANK: Record<string, number> = { int2: 1, int4: 2, int8: 3, oid: 2, regclass: 2, regtype: 2, regnamespace: 2, numeric: 4, float4: 5, float8: 6 };

function wider(a: PgType, b: PgType): PgType {
  if (a.name === b.name) return a.typmod === b.typmod ? a : { ...a, typmod: -1 };
  const ra = NUMERIC_RANK[a.name];
  const rb = NUMERIC_RANK[b.name];
  if (ra !== undefined && rb !== undefined) return ra >= rb ? (a.name === 'numeric' ? T('numeric') : a) : b.name === 'numeric' ? T('numeric') : b;
  // text, varchar and char cast to each other implicitly both ways, so Postgres keeps the first one's type
  // (coalesce(varchar_col, text_col) is varchar); other text-like types meet at text.
  const strings = ['text', 'varchar', 'bpchar'];
  if (a.category === 'text' && b.category === 'text') return strings.includes(a.name) && strings.includes(b.name) ? T(a.name) : T('text');
  const order = ['date', 'timestamp', 'timestamptz'];
  if (order.includes(a.category) && order.includes(b.category)) return order.indexOf(a.category) >= order.indexOf(b.category) ? a : b;
  if ((a.category === 'json' || a.category === 'jsonb') && (b.category === 'json' || b.category === 'jsonb')) return T('jsonb');
  throw new CompileError('42804', `types ${displayType(a)} and ${displayType(b)} cannot be matched`);
}
