// Operators (A_Expr): comparisons and arithmetic typed as Postgres types them, `||`, LIKE/ILIKE with an explicit
// collation (Postgres's LIKE is case-sensitive, ILIKE is not, whatever the database's collation), IN lists,
// BETWEEN, IS [NOT] DISTINCT FROM, NULLIF, and date arithmetic with interval literals.
import type { AstObject } from '../../parser/node-walker.js';
import { arr, bodyOf, str, stringList } from '../../tenant/ast-nodes.js';
import { CompileError, unsupported } from '../common/compile-error.js';
import { displayType, isNumberLike, pgType, T, type PgType } from '../common/pg-types.js';
import type { Scope } from '../common/scope.js';
import { coerce, commonType } from './coercion.js';
import type { TsqlContext } from './context.js';
import { compileExpr } from './expr-compiler.js';
import { intervalParts } from './interval-literal.js';
import { asValue, NO_NAME, predicate, texpr, type TExpr } from './texpr.js';
import { literal } from './tsql-text.js';

const COMPARISONS = new Set(['=', '<>', '!=', '<', '<=', '>', '>=']);
const ARITHMETIC = new Set(['+', '-', '*', '/', '%']);
/** Postgres's LIKE compares code points case-sensitively; these make T-SQL do the same whatever the database collation is. */
export const CASE_SENSITIVE = 'Latin1_General_100_CS_AS_SC';
export const CASE_INSENSITIVE = 'Latin1_General_100_CI_AS_SC';

export function aExpr(ctx: TsqlContext, n: AstObject, scope: Scope): TExpr {
  const kind = str(n['kind']);
  const op = stringList(n['name']).pop() ?? '';
  switch (kind) {
    case 'AEXPR_OP':
      if (n['lexpr'] === undefined) return prefix(ctx, op, n['rexpr'], scope);
      return binary(ctx, op, compileExpr(ctx, n['lexpr'], scope), n['rexpr'], scope);
    case 'AEXPR_LIKE':
    case 'AEXPR_ILIKE':
      return like(ctx, n, scope, kind === 'AEXPR_ILIKE', op.startsWith('!'));
    case 'AEXPR_IN':
      return inList(ctx, n, scope, op === '<>');
    case 'AEXPR_BETWEEN':
    case 'AEXPR_NOT_BETWEEN': {
      const bounds = arr(bodyOf(n['rexpr'], 'List')?.['items'] ?? n['rexpr']);
      const a = compileExpr(ctx, n['lexpr'], scope);
      const lo = compileExpr(ctx, bounds[0], scope);
      const hi = compileExpr(ctx, bounds[1], scope);
      const type = commonType([a.type, lo.type, hi.type]);
      const [x, l, h] = [a, lo, hi].map((e) => asValue(coerce(ctx, e, type)));
      return predicate(`${x} ${kind === 'AEXPR_NOT_BETWEEN' ? 'NOT BETWEEN' : 'BETWEEN'} ${l} AND ${h}`);
    }
    case 'AEXPR_DISTINCT':
    case 'AEXPR_NOT_DISTINCT': {
      const [a, b] = unify(ctx, compileExpr(ctx, n['lexpr'], scope), compileExpr(ctx, n['rexpr'], scope));
      // NULL-safe equality without SQL Server 2022's IS DISTINCT FROM; the CASE is never unknown.
      const x = asValue(a);
      const y = asValue(b);
      return predicate(`(CASE WHEN ${x} = ${y} OR (${x} IS NULL AND ${y} IS NULL) THEN 1 ELSE 0 END) = ${kind === 'AEXPR_NOT_DISTINCT' ? 1 : 0}`);
    }
    case 'AEXPR_NULLIF': {
      const [a, b] = unify(ctx, compileExpr(ctx, n['lexpr'], scope), compileExpr(ctx, n['rexpr'], scope));
      return texpr(`NULLIF(${asValue(a)}, ${asValue(b)})`, a.type, 'nullif');
    }
    case 'AEXPR_SIMILAR':
      throw unsupported('SIMILAR TO');
    case 'AEXPR_OP_ANY':
    case 'AEXPR_OP_ALL':
      throw unsupported(`${op} ${kind === 'AEXPR_OP_ANY' ? 'ANY' : 'ALL'} (array)`);
    default:
      throw unsupported(`operator ${op} (${kind})`);
  }
}

function prefix(ctx: TsqlContext, op: string, operand: unknown, scope: Scope): TExpr {
  const e = compileExpr(ctx, operand, scope);
  if (e.type.category === 'interval') throw unsupported('interval arithmetic (SQL Server has no interval type; only date/time ± interval literal)');
  if (op === '-') {
    if (e.intValue !== undefined) return { ...e, sql: String(-e.intValue), intValue: -e.intValue };
    const typed = e.type.category === 'unknown' ? coerce(ctx, e, T('numeric')) : e;
    if (!isNumberLike(typed.type)) throw noOperator(op, null, typed.type);
    return texpr(`(-${typed.sql})`, typed.type.typmod >= 0 ? (pgType(typed.type.name) ?? typed.type) : typed.type);
  }
  if (op === '+') return e;
  if (op === '~') return texpr(`(~${coerce(ctx, e, T('int8')).sql})`, e.type.category === 'unknown' ? T('int8') : e.type);
  throw unsupported(`prefix operator ${op}`);
}

function binary(ctx: TsqlContext, op: string, l: TExpr, rexpr: unknown, scope: Scope): TExpr {
  const r = compileExpr(ctx, rexpr, scope);
  if (COMPARISONS.has(op)) {
    const [a, b] = unify(ctx, l, r);
    if (a.type.category === 'bool') return predicate(`${asValue(a)} ${op === '!=' ? '<>' : op} ${asValue(b)}`);
    if (['json', 'jsonb', 'array'].includes(a.type.category)) throw unsupported(`${op} on ${displayType(a.type)}`);
    return predicate(`${a.sql} ${op === '!=' ? '<>' : op} ${b.sql}`);
  }
  if (op === '||') return concat(ctx, l, r);
  if (ARITHMETIC.has(op)) return arithmetic(ctx, op, l, r);
  if (op === '&' || op === '|' || op === '#') {
    const [a, b] = unify(ctx, l, r);
    if (a.type.category !== 'int') throw noOperator(op, a.type, b.type);
    return texpr(`(${a.sql} ${op === '#' ? '^' : op} ${b.sql})`, a.type);
  }
  if (op === '~~' || op === '!~~') return likeOf(ctx, l, r, null, false, op === '!~~');
  if (op === '~~*' || op === '!~~*') return likeOf(ctx, l, r, null, true, op === '!~~*');
  // Postgres's ^ is exponentiation (double precision); T-SQL's ^ is XOR.
  if (op === '^') return texpr(`POWER(${asFloat(ctx, l)}, ${asFloat(ctx, r)})`, T('float8'));
  throw unsupported(`operator ${op}`);
}

/** Both sides to one type, unknown literals and parameters taking the other side's type (as Postgres resolves them). */
export function unify(ctx: TsqlContext, a: TExpr, b: TExpr): [TExpr, TExpr] {
  if (a.type.category === 'unknown' && b.type.category !== 'unknown') return [coerce(ctx, a, b.type), b];
  if (b.type.category === 'unknown' && a.type.category !== 'unknown') return [a, coerce(ctx, b, a.type)];
  const type = commonType([a.type, b.type]);
  return [coerce(ctx, a, type), coerce(ctx, b, type)];
}

function arithmetic(ctx: TsqlContext, op: string, l: TExpr, r: TExpr): TExpr {
  const lt = l.type.category;
  const rt = r.type.category;
  if ((lt === 'date' || lt === 'timestamp' || lt === 'timestamptz') && (op === '+' || op === '-')) return dateArithmetic(ctx, op, l, r);
  if (lt === 'interval' && op === '+' && (rt === 'date' || rt === 'timestamp' || rt === 'timestamptz')) return dateArithmetic(ctx, op, r, l);
  if (lt === 'interval' || rt === 'interval') throw unsupported('interval arithmetic (SQL Server has no interval type; only date/time ± interval literal)');
  const [a, b] = unify(ctx, l.type.category === 'unknown' && r.type.category === 'unknown' ? coerce(ctx, l, T('int4')) : l, r);
  if (!isNumberLike(a.type)) throw noOperator(op, l.type, r.type);
  // real op integer/numeric is double precision in Postgres (computed in double): T-SQL would stay in real.
  if (a.type.name === 'float4' && (l.type.name !== 'float4' || r.type.name !== 'float4')) return texpr(`(${asFloat(ctx, a, true)} ${op} ${asFloat(ctx, b, true)})`, T('float8'));
  const type = a.type.category === 'numeric' ? (a.type.typmod < 0 ? a.type : T('numeric')) : a.type;
  if (op === '%' && a.type.category === 'float') throw noOperator(op, a.type, b.type);
  // Integer division truncates toward zero in both; division by zero raises 22012 (SQL Server 8134) in both.
  return texpr(`(${a.sql} ${op} ${b.sql})`, type, NO_NAME, a.notNull && b.notNull ? { notNull: true } : {});
}

function dateArithmetic(ctx: TsqlContext, op: string, d: TExpr, other: TExpr): TExpr {
  if (op === '-' && other.type.category === d.type.category) {
    if (d.type.category === 'date') return texpr(`DATEDIFF(day, ${other.sql}, ${d.sql})`, T('int4'));
    throw unsupported(`${displayType(d.type)} - ${displayType(other.type)} (an interval result)`);
  }
  if (d.type.category === 'date' && (other.type.category === 'int' || other.unknownText !== undefined && /^\s*[+-]?\d+\s*$/.test(other.unknownText) || other.param !== undefined)) {
    const days = coerce(ctx, other, T('int4'));
    return texpr(`DATEADD(day, ${op === '-' ? `-(${days.sql})` : days.sql}, ${d.sql})`, T('date'));
  }
  const parts = other.interval ?? (other.unknownText !== undefined ? intervalParts(other.unknownText) : null);
  if (!parts) throw unsupported(`${displayType(d.type)} ${op} ${displayType(other.type)}`);
  // date + interval is a timestamp in Postgres.
  let sql = d.type.category === 'date' ? `CAST(${d.sql} AS datetime2(6))` : d.sql;
  for (const [unit, amount] of parts) sql = `DATEADD(${unit}, ${op === '-' ? -amount : amount}, ${sql})`;
  return texpr(sql, d.type.category === 'date' ? T('timestamp') : d.type);
}

/** Postgres's `||`: NULL when either side is NULL. CONCAT when both sides are known not to be NULL, else `+` over nvarchar (NULL-propagating). */
function concat(ctx: TsqlContext, l: TExpr, r: TExpr): TExpr {
  if (['array', 'json', 'jsonb'].includes(l.type.category) || ['array', 'json', 'jsonb'].includes(r.type.category)) throw unsupported(`|| on ${displayType(l.type.category === 'unknown' ? r.type : l.type)}`);
  const a = textOf(ctx, l);
  const b = textOf(ctx, r);
  if (a.notNull && b.notNull) return texpr(`CONCAT(${flattenConcat(a.sql)}, ${flattenConcat(b.sql)})`, T('text'), NO_NAME, { notNull: true });
  return texpr(`(${a.sql} + ${b.sql})`, T('text'));
}

function textOf(ctx: TsqlContext, e: TExpr): TExpr {
  if (e.type.category === 'unknown') return coerce(ctx, e, T('text'));
  // char(n) loses its padding on the way to text (Postgres's bpchar → text); varchar is widened as it is.
  if (e.type.category === 'text') return e.type.name === 'text' ? e : { ...e, sql: e.type.name === 'bpchar' ? `RTRIM(${e.sql})` : `CAST(${e.sql} AS nvarchar(max))`, type: T('text') };
  return coerce(ctx, e, T('text'), 'explicit');
}

/** CONCAT(CONCAT(a, b), c) → CONCAT(a, b, c). */
function flattenConcat(sql: string): string {
  return /^CONCAT\((.*)\)$/s.test(sql) && balanced(sql.slice(7, -1)) ? sql.slice(7, -1) : sql;
}

function balanced(inner: string): boolean {
  let depth = 0;
  let quoted = false;
  for (const ch of inner) {
    if (ch === "'") quoted = !quoted;
    if (quoted) continue;
    if (ch === '(') depth++;
    if (ch === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

function like(ctx: TsqlContext, n: AstObject, scope: Scope, insensitive: boolean, negated: boolean): TExpr {
  const l = compileExpr(ctx, n['lexpr'], scope);
  const escapeCall = bodyOf(n['rexpr'], 'FuncCall');
  // `x LIKE p ESCAPE e` parses as like_escape(p, e).
  if (escapeCall && stringList(escapeCall['funcname']).pop() === 'like_escape') {
    const args = arr(escapeCall['args']);
    return likeOf(ctx, l, compileExpr(ctx, args[0], scope), compileExpr(ctx, args[1], scope), insensitive, negated);
  }
  return likeOf(ctx, l, compileExpr(ctx, n['rexpr'], scope), null, insensitive, negated);
}

function likeOf(ctx: TsqlContext, l: TExpr, r: TExpr, escape: TExpr | null, insensitive: boolean, negated: boolean): TExpr {
  // LIKE on char(n) keeps the padding in Postgres (bpcharlike), as T-SQL's LIKE on nchar does.
  const a = l.type.name === 'bpchar' ? l : coerce(ctx, l, T('text'));
  if (a.type.category !== 'text') throw noOperator(insensitive ? '~~*' : '~~', l.type, r.type);
  // `[` is a wildcard (a character class) in T-SQL's LIKE, a plain character in Postgres's: escape it.
  const p = r.unknownText !== undefined && escape === null ? texpr(literal(r.unknownText.replaceAll('[', '\\[')), T('text')) : bracketsEscaped(coerce(ctx, r, T('text')), escape === null);
  // Postgres's default escape is backslash; T-SQL has none unless told.
  const esc = escape ? coerce(ctx, escape, T('text')).sql : "N'\\'";
  const collation = insensitive ? CASE_INSENSITIVE : CASE_SENSITIVE;
  return predicate(`${a.sql} COLLATE ${collation} ${negated ? 'NOT LIKE' : 'LIKE'} ${p.sql} ESCAPE ${esc}`);
}

function bracketsEscaped(p: TExpr, backslash: boolean): TExpr {
  return backslash ? { ...p, sql: `REPLACE(${p.sql}, N'[', N'\\[')` } : p;
}

function inList(ctx: TsqlContext, n: AstObject, scope: Scope, negated: boolean): TExpr {
  const l = compileExpr(ctx, n['lexpr'], scope);
  const items = arr(bodyOf(n['rexpr'], 'List')?.['items'] ?? n['rexpr']).map((e) => compileExpr(ctx, e, scope));
  const type = commonType([l.type, ...items.map((i) => i.type)]);
  const values = items.map((i) => asValue(coerce(ctx, i, type)));
  return predicate(`${asValue(coerce(ctx, l, type))} ${negated ? 'NOT IN' : 'IN'} (${values.join(', ')})`);
}

/** A number as a T-SQL float (`always`: a real too). */
function asFloat(ctx: TsqlContext, e: TExpr, always = false): string {
  const typed = coerce(ctx, e, T('float8'));
  return e.type.name === 'float8' || (e.type.category === 'float' && !always) ? typed.sql : `CAST(${typed.sql} AS float)`;
}

function noOperator(op: string, l: PgType | null, r: PgType): CompileError {
  return new CompileError('42883', `operator does not exist: ${l ? displayType(l) + ' ' : ''}${op} ${displayType(r)}`);
}

