// Binary and unary operators: Postgres's operator resolution for the types this dialect stores, each
// emitted as native SQLite where its meaning is the same and as a pgf_* function where it is not.
import type { CompileContext } from './compile-context.js';
import { coerce, commonType } from './coercion.js';
import { CompileError, unsupported } from './compile-error.js';
import { expr, type Expr } from './expr.js';
import { displayType, pgType, T, type PgType } from '../common/pg-types.js';
import { call, literal } from './sql-text.js';

const COMPARISONS = new Set(['=', '<>', '!=', '<', '>', '<=', '>=']);

export function binaryOperator(ctx: CompileContext, op: string, left: Expr, right: Expr): Expr {
  [left, right] = resolveUnknowns(ctx, op, left, right);
  if (COMPARISONS.has(op)) return comparison(ctx, op === '!=' ? '<>' : op, left, right);
  switch (op) {
    case '+':
    case '-':
    case '*':
    case '/':
    case '%':
      return arithmetic(ctx, op, left, right);
    case '&':
    case '|':
    case '#':
    case '<<':
    case '>>':
      return bitwise(ctx, op, left, right);
    case '^':
      return power(ctx, left, right);
    case '||':
      return concatenation(ctx, left, right);
    case '->':
    case '->>':
    case '#>':
    case '#>>':
      return jsonAccess(ctx, op, left, right);
    case '@>':
    case '<@':
    case '?':
    case '&&':
      return containment(ctx, op, left, right);
    case '~':
    case '~*':
    case '!~':
    case '!~*': {
      const s = patternSubject(ctx, left);
      const p = coerce(ctx, right, T('text')).sql;
      const m = call('pgf_regex', s, p, literal(op.endsWith('*') ? 'i' : ''));
      return expr(op.startsWith('!') ? `(NOT ${m})` : m, T('bool'));
    }
    case '~~':
    case '~~*':
    case '!~~':
    case '!~~*':
      return like(ctx, left, right, null, op.includes('*'), op.startsWith('!'));
    default:
      throw unsupported(`operator ${op} on ${displayType(left.type)} and ${displayType(right.type)}`);
  }
}

/** An untyped literal or parameter takes the type of the other side (both untyped: text). */
function resolveUnknowns(ctx: CompileContext, op: string, left: Expr, right: Expr): [Expr, Expr] {
  const lOpen = isOpen(ctx, left);
  const rOpen = isOpen(ctx, right);
  if (op === '->' || op === '->>' || op === '#>' || op === '#>>' || op === '?') return [left, right];
  if (lOpen && !rOpen) return [coerce(ctx, left, withoutTypmod(operandTypeFor(op, right.type, 'left'))), right];
  if (rOpen && !lOpen) return [left, coerce(ctx, right, withoutTypmod(operandTypeFor(op, left.type, 'right')))];
  if (lOpen && rOpen) return [coerce(ctx, left, T('text')), coerce(ctx, right, T('text'))];
  return [left, right];
}

/** `country = 'USA'` against char(2): the literal becomes bpchar, not char(2) (no padding, no length error). */
function withoutTypmod(type: PgType): PgType {
  return type.typmod < 0 || type.category === 'array' ? type : (pgType(type.name) ?? type);
}

/**
 * timestamp + '1 day': the unknown side of date/time addition is an interval. For subtraction Postgres prefers
 * the operator whose operands have the same type (timestamp - timestamp): now() - '1 day' fails as it does there.
 */
function operandTypeFor(op: string, other: PgType, _side: 'left' | 'right'): PgType {
  if (op === '-' && (other.category === 'timestamp' || other.category === 'timestamptz' || other.category === 'time')) return other;
  if (op === '+' && (other.category === 'timestamp' || other.category === 'timestamptz' || other.category === 'time')) return T('interval');
  // jsonb - 'key' deletes a key: the unknown side is text (Postgres picks jsonb - text), not jsonb.
  if (op === '-' && other.category === 'jsonb') return T('text');
  // date + unknown matches date + integer, date + interval and date + time alike: Postgres gives up.
  if (op === '+' && other.category === 'date') throw new CompileError('42725', 'operator is not unique: date + unknown');
  if (op === '||' && other.category !== 'array' && other.category !== 'jsonb') return T('text');
  return other;
}

/** a ^ b, power(a, b): numeric when either side is numeric (and neither float), else float8. */
export function power(ctx: CompileContext, left: Expr, right: Expr): Expr {
  const cats = [left.type.category, right.type.category];
  if (cats.includes('numeric') && !cats.includes('float')) {
    return expr(call('pgf_num_pow', coerce(ctx, left, T('numeric')).sql, coerce(ctx, right, T('numeric')).sql), T('numeric'));
  }
  return expr(call('pow', coerce(ctx, left, T('float8')).sql, coerce(ctx, right, T('float8')).sql), T('float8'));
}

export function isOpen(ctx: CompileContext, e: Expr): boolean {
  return e.unknownText !== undefined || (e.isNull === true && e.type.category === 'unknown') || (e.param !== undefined && ctx.paramType(e.param) === undefined);
}

function comparison(ctx: CompileContext, op: string, left: Expr, right: Expr): Expr {
  const type = commonType([left.type, right.type]);
  // Arrays and jsonb order element by element / by Postgres's jsonb rules, not as their text.
  if (op !== '=' && op !== '<>' && orderedAsText(type)) throw unsupported(`operator ${op} on ${displayType(type)}`);
  const l = coerce(ctx, left, type);
  const r = coerce(ctx, right, type);
  return expr(compareSql(l.sql, op, r.sql, type), T('bool'));
}

/** a op b for two values of `type`: numerics exactly (pgf_num_cmp), not through a REAL that merges values beyond 15 digits. */
export function compareSql(a: string, op: string, b: string, type: PgType): string {
  if (type.category === 'numeric') return `(${call('pgf_num_cmp', a, b)} ${op} 0)`;
  return `(${comparable(a, type)} ${op} ${comparable(b, type)})`;
}

/** a IS [NOT] DISTINCT FROM b, with the same typing as a = b. */
export function distinctness(ctx: CompileContext, left: Expr, right: Expr, distinct: boolean): Expr {
  [left, right] = resolveUnknowns(ctx, '=', left, right);
  const type = commonType([left.type, right.type]);
  const l = coerce(ctx, left, type).sql;
  const r = coerce(ctx, right, type).sql;
  const same = type.category === 'numeric'
    ? `coalesce(${call('pgf_num_cmp', l, r)} = 0, ${l} IS NULL AND ${r} IS NULL)`
    : `${comparable(l, type)} IS ${comparable(r, type)}`;
  return expr(distinct ? `(NOT (${same}))` : `(${same})`, T('bool'));
}

/** Types whose stored text does not order as Postgres orders the values (and that no key function maps). */
export function orderedAsText(type: PgType): boolean {
  return type.category === 'array' || type.category === 'jsonb' || type.category === 'json';
}

/**
 * A value that is equal exactly when the Postgres values are equal (GROUP BY, PARTITION BY, count(DISTINCT)):
 * numerics without trailing fractional zeros (1.0 = 1.00 = 1), intervals by length ('1 day' = '24:00:00').
 */
export function equalityKey(sql: string, type: PgType): string {
  if (type.category === 'numeric') return `(CASE WHEN instr(${sql}, '.') > 0 THEN rtrim(rtrim(${sql}, '0'), '.') ELSE ${sql} END)`;
  if (type.category === 'interval') return comparable(sql, type);
  return sql;
}

/** The SQLite value that orders like the Postgres value (numeric text and interval text do not). */
export function comparable(sql: string, type: PgType): string {
  if (type.category === 'numeric') return `CAST(${sql} AS REAL)`;
  if (type.category === 'interval') return call('pgf_interval_key', sql);
  // character(n) compares without its trailing blanks ('DE ' = 'DE').
  if (type.name === 'bpchar') return `rtrim(${sql}, ' ')`;
  // ±Infinity are stored as text, which SQLite sorts after every number: map them to ±Inf ('NaN' stays text, above all, as in Postgres).
  if (type.category === 'float') return `(CASE WHEN typeof(${sql}) = 'text' THEN (CASE ${sql} WHEN '-Infinity' THEN -9e999 WHEN 'Infinity' THEN 9e999 ELSE ${sql} END) ELSE ${sql} END)`;
  return sql;
}

const INT_WIDTH: Record<string, number> = { int2: 2, int4: 4, int8: 8, oid: 4 };

function arithmetic(ctx: CompileContext, op: string, left: Expr, right: Expr): Expr {
  const lc = left.type.category;
  const rc = right.type.category;
  const dt = dateTimeArithmetic(ctx, op, left, right);
  if (dt) return dt;
  if ((lc === 'int' || lc === 'oid') && (rc === 'int' || rc === 'oid')) {
    const width = Math.max(INT_WIDTH[left.type.name] ?? 4, INT_WIDTH[right.type.name] ?? 4);
    const type = T(width === 8 ? 'int8' : width === 4 ? 'int4' : 'int2');
    if (op === '/') return expr(call('pgf_int_div', left.sql, right.sql), type);
    if (op === '%') return expr(call('pgf_int_mod', left.sql, right.sql), type);
    // Checked: SQLite knows no int2/int4 range and turns an int64 overflow into a float (Postgres: 22003).
    const fn = { '+': 'pgf_int_add', '-': 'pgf_int_sub', '*': 'pgf_int_mul' }[op]!;
    return expr(call(fn, left.sql, right.sql, String(width * 8)), type);
  }
  const numberish = (c: string): boolean => c === 'int' || c === 'oid' || c === 'numeric' || c === 'float';
  if (numberish(lc) && numberish(rc)) {
    if (lc === 'float' || rc === 'float') {
      const l = coerce(ctx, left, T('float8')).sql;
      const r = coerce(ctx, right, T('float8')).sql;
      // real op real stays real (the connector prints it at float4 precision); any other mix is double precision.
      const type = left.type.name === 'float4' && right.type.name === 'float4' ? T('float4') : T('float8');
      if (op === '/') return expr(call('pgf_float_div', l, r), type);
      if (op === '%') throw unsupported('operator % on double precision');
      return expr(`(${l} ${op} ${r})`, type);
    }
    const l = coerce(ctx, left, T('numeric')).sql;
    const r = coerce(ctx, right, T('numeric')).sql;
    const fn = { '+': 'pgf_num_add', '-': 'pgf_num_sub', '*': 'pgf_num_mul', '/': 'pgf_num_div', '%': 'pgf_num_mod' }[op]!;
    return expr(call(fn, l, r), T('numeric'));
  }
  if (lc === 'interval' && rc === 'interval' && (op === '+' || op === '-')) return expr(call(op === '+' ? 'pgf_interval_add' : 'pgf_interval_sub', left.sql, right.sql), T('interval'));
  if (lc === 'interval' && numberish(rc) && (op === '*' || op === '/')) {
    const n = coerce(ctx, right, T('float8')).sql;
    return expr(call('pgf_interval_mul', left.sql, op === '*' ? n : `(1.0 / ${n})`), T('interval'));
  }
  if (numberish(lc) && rc === 'interval' && op === '*') return expr(call('pgf_interval_mul', right.sql, coerce(ctx, left, T('float8')).sql), T('interval'));
  if (lc === 'jsonb' && op === '-') return expr(call('pgf_jsonb_delete', left.sql, right.sql), T('jsonb'));
  throw new CompileError('42883', `operator does not exist: ${displayType(left.type)} ${op} ${displayType(right.type)}`);
}

function dateTimeArithmetic(ctx: CompileContext, op: string, left: Expr, right: Expr): Expr | null {
  const lc = left.type.category;
  const rc = right.type.category;
  const stamp = (c: string): boolean => c === 'timestamp' || c === 'timestamptz';
  if (lc === 'date' && (rc === 'int') && (op === '+' || op === '-')) {
    return expr(call('pgf_date_add_days', left.sql, op === '+' ? right.sql : `(-${right.sql})`), T('date'));
  }
  if (lc === 'int' && rc === 'date' && op === '+') return expr(call('pgf_date_add_days', right.sql, left.sql), T('date'));
  if (lc === 'date' && rc === 'date' && op === '-') return expr(call('pgf_date_diff', left.sql, right.sql), T('int4'));
  if ((stamp(lc) || lc === 'date' || lc === 'time') && rc === 'interval' && (op === '+' || op === '-')) {
    const resultType = lc === 'date' ? T('timestamp') : left.type;
    return expr(call(op === '+' ? 'pgf_dt_add' : 'pgf_dt_sub', left.sql, literal(lc), right.sql), resultType);
  }
  if (lc === 'interval' && (stamp(rc) || rc === 'date' || rc === 'time') && op === '+') {
    return expr(call('pgf_dt_add', right.sql, literal(rc), left.sql), rc === 'date' ? T('timestamp') : right.type);
  }
  if ((stamp(lc) && stamp(rc)) || (lc === 'date' && stamp(rc)) || (stamp(lc) && rc === 'date')) {
    if (op !== '-') return null;
    const type = lc === 'timestamptz' || rc === 'timestamptz' ? T('timestamptz') : T('timestamp');
    return expr(call('pgf_dt_diff', coerce(ctx, left, type).sql, coerce(ctx, right, type).sql, literal(type.name)), T('interval'));
  }
  if (lc === 'time' && rc === 'time' && op === '-') return expr(call('pgf_dt_diff', left.sql, right.sql, literal('time')), T('interval'));
  return null;
}

/** Integer bit operators; # (xor) is spelled with & and | (SQLite has none). */
function bitwise(ctx: CompileContext, op: string, left: Expr, right: Expr): Expr {
  const isInt = (e: Expr): boolean => e.type.category === 'int';
  if (!isInt(left) || !isInt(right)) throw unsupported(`operator ${op} on ${displayType(left.type)} and ${displayType(right.type)}`);
  // Shifts keep the left operand's type; the others take the wider one.
  const type = op === '<<' || op === '>>' ? left.type : T(Math.max(INT_WIDTH[left.type.name] ?? 4, INT_WIDTH[right.type.name] ?? 4) === 8 ? 'int8' : Math.max(INT_WIDTH[left.type.name] ?? 4, INT_WIDTH[right.type.name] ?? 4) === 4 ? 'int4' : 'int2');
  const sql = op === '#' ? `((${left.sql} | ${right.sql}) - (${left.sql} & ${right.sql}))` : `(${left.sql} ${op} ${right.sql})`;
  return expr(sql, type);
}

function concatenation(ctx: CompileContext, left: Expr, right: Expr): Expr {
  if (left.type.category === 'jsonb' && right.type.category === 'jsonb') return expr(call('pgf_jsonb_concat', left.sql, right.sql), T('jsonb'));
  if (left.type.category === 'array' && right.type.category === 'array' && left.type.name === right.type.name) return expr(call('pgf_array_cat', left.sql, right.sql), left.type);
  if (left.type.category === 'array' || right.type.category === 'array') throw unsupported('|| on arrays');
  const l = coerce(ctx, left, T('text'), 'explicit');
  const r = coerce(ctx, right, T('text'), 'explicit');
  return expr(`(${l.sql} || ${r.sql})`, T('text'));
}

function jsonAccess(ctx: CompileContext, op: string, left: Expr, right: Expr): Expr {
  const j = left.type.category === 'json' || left.type.category === 'jsonb' ? left : coerce(ctx, left, T('jsonb'));
  const asText = op === '->>' || op === '#>>';
  const path = op.startsWith('#');
  const key = path ? coerce(ctx, right, T('_text')) : isOpen(ctx, right) ? coerce(ctx, right, T('text')) : right;
  const fn = path ? (asText ? 'pgf_json_path_text' : 'pgf_json_path') : asText ? 'pgf_json_get_text' : 'pgf_json_get';
  return expr(call(fn, j.sql, key.sql), asText ? T('text') : j.type);
}

function containment(ctx: CompileContext, op: string, left: Expr, right: Expr): Expr {
  if (left.type.category === 'jsonb' || left.type.category === 'json') {
    if (op === '?') return expr(call('pgf_jsonb_exists', left.sql, coerce(ctx, right, T('text')).sql), T('bool'));
    const r = coerce(ctx, right, T('jsonb'));
    if (op === '@>') return expr(call('pgf_jsonb_contains', left.sql, r.sql), T('bool'));
    if (op === '<@') return expr(call('pgf_jsonb_contains', r.sql, left.sql), T('bool'));
  }
  if (left.type.category === 'array') {
    const r = coerce(ctx, right, left.type);
    if (op === '@>') return expr(call('pgf_array_contains', left.sql, r.sql), T('bool'));
    if (op === '<@') return expr(call('pgf_array_contains', r.sql, left.sql), T('bool'));
    if (op === '&&') return expr(call('pgf_array_overlap', left.sql, r.sql), T('bool'));
  }
  throw unsupported(`operator ${op} on ${displayType(left.type)}`);
}

/** character(n) has its own LIKE and regex operators, which match the padded value (a cast to text would drop the blanks). */
function patternSubject(ctx: CompileContext, e: Expr): string {
  return e.type.name === 'bpchar' ? e.sql : coerce(ctx, e, T('text')).sql;
}

/** LIKE / ILIKE with Postgres semantics (SQLite's LIKE ignores ASCII case; Postgres's LIKE does not). */
export function like(ctx: CompileContext, left: Expr, pattern: Expr, escape: Expr | null, caseInsensitive: boolean, negated: boolean): Expr {
  const s = patternSubject(ctx, left);
  const p = coerce(ctx, pattern, T('text')).sql;
  const e = escape ? coerce(ctx, escape, T('text')).sql : literal('\\');
  const m = call('pgf_like', s, p, e, caseInsensitive ? '1' : '0');
  return expr(negated ? `(NOT ${m})` : m, T('bool'));
}

export function unaryMinus(ctx: CompileContext, operand: Expr): Expr {
  const e = isOpen(ctx, operand) ? coerce(ctx, operand, T('numeric')) : operand;
  switch (e.type.category) {
    case 'int':
      return expr(call('pgf_int_sub', '0', e.sql, String((INT_WIDTH[e.type.name] ?? 4) * 8)), e.type);
    case 'float':
      return expr(`(- ${e.sql})`, e.type);
    case 'numeric':
      return expr(call('pgf_num_neg', e.sql), T('numeric'));
    case 'interval':
      return expr(call('pgf_interval_neg', e.sql), e.type);
    default:
      throw new CompileError('42883', `operator does not exist: - ${displayType(e.type)}`);
  }
}
