// Function calls: Postgres functions and aggregates in T-SQL, typed as Postgres types their results, and
// window functions with their OVER clause. A function not in the table is refused by name (0A000).
import type { AstObject } from '../../parser/node-walker.js';
import { arr, bodyOf, obj, stringList } from '../../tenant/ast-nodes.js';
import { CompileError, unsupported } from '../common/compile-error.js';
import { isNumberLike, numericPrecision, pgType, T, type PgType } from '../common/pg-types.js';
import type { Scope } from '../common/scope.js';
import { coerce, commonType, roundHalfEven } from './coercion.js';
import type { TsqlContext } from './context.js';
import { compileExpr } from './expr-compiler.js';
import { dateTrunc, datePart } from './date-functions.js';
import { orderByList } from './order-by.js';
import { asCondition, asValue, texpr, type TExpr } from './texpr.js';
import { call } from './tsql-text.js';

export type Call = { ctx: TsqlContext; args: TExpr[]; n: AstObject; scope: Scope; name: string };
type Handler = (c: Call) => TExpr;

const text = (c: Call, i: number): string => coerce(c.ctx, c.args[i]!, T('text')).sql;
const int = (c: Call, i: number): string => coerce(c.ctx, c.args[i]!, T('int4')).sql;
const same = (fn: string, type: PgType): Handler => (c) => texpr(call(fn, ...c.args.map((a) => asValue(a))), type, c.name);
/** Any value as text, as Postgres's variadic "any" functions (concat, concat_ws) print it. */
const anyText = (c: Call, i: number): string => {
  const a = c.args[i]!;
  // concat() prints a char(n) with its padding (its argument is "any", not text).
  if (a.type.name === 'bpchar') return a.sql;
  return a.type.category === 'text' || a.type.category === 'unknown' ? text(c, i) : coerce(c.ctx, a, T('text'), 'explicit').sql;
};
const textFn = (fn: string): Handler => (c) => texpr(call(fn, ...c.args.map((_, i) => text(c, i))), T('text'), c.name);

/** A numeric argument keeps its type (integers, numeric, float), as Postgres's abs/ceil/floor/sign do. */
function numericArg(c: Call, i = 0): TExpr {
  const a = c.args[i]!;
  const typed = a.type.category === 'unknown' ? coerce(c.ctx, a, T('numeric')) : a;
  if (!isNumberLike(typed.type)) throw new CompileError('42883', `function ${c.name}(${typed.type.name}) does not exist`);
  return typed;
}

const FUNCTIONS: Record<string, Handler> = {
  lower: textFn('LOWER'),
  upper: textFn('UPPER'),
  // LEN ignores trailing spaces; Postgres's length counts them.
  length: (c) => (c.args[0]?.type.category === 'bytea' ? texpr(`CAST(DATALENGTH(${c.args[0].sql}) AS int)`, T('int4'), c.name) : texpr(`(LEN(${text(c, 0)} + N'.') - 1)`, T('int4'), c.name)),
  char_length: (c) => texpr(`(LEN(${text(c, 0)} + N'.') - 1)`, T('int4'), c.name),
  character_length: (c) => texpr(`(LEN(${text(c, 0)} + N'.') - 1)`, T('int4'), c.name),
  // UTF-8 bytes, as Postgres counts them: the varchar's code page comes from the collation of what is cast.
  octet_length: (c) => c.args[0]?.type.category === 'bytea' ? texpr(`CAST(DATALENGTH(${c.args[0].sql}) AS int)`, T('int4'), c.name) : texpr(`CAST(DATALENGTH(CAST(${text(c, 0)} COLLATE Latin1_General_100_CI_AS_SC_UTF8 AS varchar(max))) AS int)`, T('int4'), c.name),
  substring: (c) => texpr(c.args.length === 3 ? call('SUBSTRING', text(c, 0), int(c, 1), int(c, 2)) : call('SUBSTRING', text(c, 0), int(c, 1), '2147483647'), T('text'), c.name),
  substr: (c) => texpr(c.args.length === 3 ? call('SUBSTRING', text(c, 0), int(c, 1), int(c, 2)) : call('SUBSTRING', text(c, 0), int(c, 1), '2147483647'), T('text'), c.name),
  // position(a IN b) parses as position(b, a); CHARINDEX is case-sensitive only with a case-sensitive collation.
  // position(a IN b) parses as position(b, a): haystack first, as strpos(haystack, needle).
  position: (c) => position(c, text(c, 0), text(c, 1)),
  strpos: (c) => position(c, text(c, 0), text(c, 1)),
  replace: (c) => texpr(`REPLACE(${text(c, 0)} COLLATE Latin1_General_100_CS_AS_SC, ${text(c, 1)}, ${text(c, 2)})`, T('text'), c.name),
  left: (c) => leftRight(c, 'LEFT'),
  right: (c) => leftRight(c, 'RIGHT'),
  btrim: (c) => trim(c, 'BOTH'),
  ltrim: (c) => trim(c, 'LEADING'),
  rtrim: (c) => trim(c, 'TRAILING'),
  reverse: textFn('REVERSE'),
  // A negative count is '' in Postgres (REPLICATE would give NULL).
  repeat: (c) => texpr(`REPLICATE(${text(c, 0)}, CASE WHEN ${int(c, 1)} < 0 THEN 0 ELSE ${int(c, 1)} END)`, T('text'), c.name),
  lpad: (c) => pad(c, true),
  rpad: (c) => pad(c, false),
  concat: (c) => texpr(call('CONCAT', ...c.args.map((_, i) => anyText(c, i))), T('text'), c.name, { notNull: true }),
  concat_ws: (c) => texpr(call('CONCAT_WS', ...c.args.map((_, i) => anyText(c, i))), T('text'), c.name),
  abs: (c) => texpr(call('ABS', numericArg(c).sql), resultType(numericArg(c).type), c.name),
  ceil: (c) => texpr(call('CEILING', numericArg(c).sql), numericArg(c).type.category === 'float' ? T('float8') : T('numeric'), c.name),
  ceiling: (c) => texpr(call('CEILING', numericArg(c).sql), numericArg(c).type.category === 'float' ? T('float8') : T('numeric'), c.name),
  floor: (c) => texpr(call('FLOOR', numericArg(c).sql), numericArg(c).type.category === 'float' ? T('float8') : T('numeric'), c.name),
  // sign(numeric) is numeric with no decimals; sign of anything else is sign(double precision).
  sign: (c) => (numericArg(c).type.category === 'numeric' ? texpr(`CAST(SIGN(${numericArg(c).sql}) AS decimal(1,0))`, T('numeric'), c.name) : texpr(`SIGN(${asFloat(c, 0)})`, T('float8'), c.name)),
  round: (c) => roundOrTrunc(c, false),
  trunc: (c) => roundOrTrunc(c, true),
  // div() truncates toward zero, as T-SQL's integer division does.
  div: (c) => {
    const [a, b] = [numericArg(c, 0), numericArg(c, 1)];
    const integral = a.type.category === 'int' && b.type.category === 'int';
    return texpr(integral ? `(${a.sql} / ${b.sql})` : `CAST(ROUND(${a.sql} / ${b.sql}, 0, 1) AS decimal(38,0))`, integral ? commonType([a.type, b.type]) : T('numeric'), c.name);
  },
  mod: (c) => texpr(`(${numericArg(c, 0).sql} % ${numericArg(c, 1).sql})`, commonType([numericArg(c, 0).type, numericArg(c, 1).type]), c.name),
  power: (c) => texpr(call('POWER', asFloat(c, 0), asFloat(c, 1)), T('float8'), c.name),
  sqrt: (c) => texpr(call('SQRT', coerce(c.ctx, c.args[0]!, T('float8')).sql), T('float8'), c.name),
  exp: (c) => texpr(call('EXP', floatOnly(c)), T('float8'), c.name),
  ln: (c) => texpr(call('LOG', floatOnly(c)), T('float8'), c.name),
  // log(x) is the base-10 logarithm in Postgres; log(b, x) is base b.
  log: (c) => texpr(c.args.length === 2 ? call('LOG', floatOnly(c, 1), floatOnly(c, 0)) : call('LOG10', floatOnly(c)), T('float8'), c.name),
  log10: (c) => texpr(call('LOG10', coerce(c.ctx, c.args[0]!, T('float8')).sql), T('float8'), c.name),
  pi: () => texpr('PI()', T('float8'), 'pi'),
  // A fresh value per row: RAND() alone is evaluated once per statement.
  random: () => texpr('RAND(CHECKSUM(NEWID()))', T('float8'), 'random'),
  gen_random_uuid: () => texpr('NEWID()', T('uuid'), 'gen_random_uuid', { notNull: true }),
  uuid_generate_v4: () => texpr('NEWID()', T('uuid'), 'uuid_generate_v4', { notNull: true }),
  now: () => texpr('SYSDATETIMEOFFSET()', T('timestamptz'), 'now', { notNull: true }),
  transaction_timestamp: () => texpr('SYSDATETIMEOFFSET()', T('timestamptz'), 'transaction_timestamp', { notNull: true }),
  statement_timestamp: () => texpr('SYSDATETIMEOFFSET()', T('timestamptz'), 'statement_timestamp', { notNull: true }),
  clock_timestamp: () => texpr('SYSDATETIMEOFFSET()', T('timestamptz'), 'clock_timestamp', { notNull: true }),
  date_trunc: dateTrunc,
  date_part: (c) => datePart(c, T('float8')),
  extract: (c) => datePart(c, T('numeric')),
  make_date: (c) => texpr(call('DATEFROMPARTS', int(c, 0), int(c, 1), int(c, 2)), T('date'), c.name),
  nullif: (c) => texpr(call('NULLIF', ...c.args.map(asValue)), c.args[0]!.type, c.name),
  coalesce: same('COALESCE', T('text')),
  count: (c) => aggregate(c, 'COUNT_BIG', T('int8')),
  sum: (c) => aggregate(c, 'SUM', sumType(c.args[0]?.type)),
  avg: (c) => aggregate(c, 'AVG', avgType(c.args[0]?.type)),
  min: (c) => aggregate(c, 'MIN', resultType(c.args[0]!.type)),
  max: (c) => aggregate(c, 'MAX', resultType(c.args[0]!.type)),
  bool_and: (c) => boolAggregate(c, 'MIN'),
  every: (c) => boolAggregate(c, 'MIN'),
  bool_or: (c) => boolAggregate(c, 'MAX'),
  string_agg: stringAgg,
  row_number: (c) => windowOnly(c, 'ROW_NUMBER()', T('int8')),
  rank: (c) => windowOnly(c, 'RANK()', T('int8')),
  dense_rank: (c) => windowOnly(c, 'DENSE_RANK()', T('int8')),
  percent_rank: (c) => windowOnly(c, 'PERCENT_RANK()', T('float8')),
  cume_dist: (c) => windowOnly(c, 'CUME_DIST()', T('float8')),
  ntile: (c) => windowOnly(c, `NTILE(${int(c, 0)})`, T('int4')),
  lag: (c) => offsetWindow(c, 'LAG'),
  lead: (c) => offsetWindow(c, 'LEAD'),
  first_value: (c) => windowOnly(c, `FIRST_VALUE(${asValue(c.args[0]!)})`, c.args[0]!.type),
  last_value: (c) => windowOnly(c, `LAST_VALUE(${asValue(c.args[0]!)})`, c.args[0]!.type),
};

export function compileFunctionCall(ctx: TsqlContext, n: AstObject, scope: Scope): TExpr {
  const names = stringList(n['funcname']);
  const name = (names[names.length - 1] ?? '').toLowerCase();
  if (names.length > 1 && names[0] !== 'pg_catalog') throw unsupported(`function ${names.join('.')}`);
  if (n['func_variadic']) throw unsupported('VARIADIC arguments');
  const handler = FUNCTIONS[name];
  // x AT TIME ZONE z parses as timezone(z, x).
  if (!handler) throw unsupported(name === 'timezone' ? 'AT TIME ZONE' : `function ${name}`);
  const over = obj(bodyOf(n['over'], 'WindowDef') ?? n['over']);
  const aggregate = AGGREGATES.has(name) && !over;
  if (aggregate && ctx.inAggregate) throw new CompileError('42803', 'aggregate function calls cannot be nested');
  const outer = ctx.inAggregate;
  ctx.inAggregate = aggregate || outer;
  let args: TExpr[];
  try {
    args = n['agg_star'] ? [] : arr(n['args']).map((a) => compileExpr(ctx, a, scope));
  } finally {
    ctx.inAggregate = outer;
  }
  let call: AstObject = n;
  if (n['agg_filter']) {
    // agg(x) FILTER (WHERE c) is agg(CASE WHEN c THEN x END): aggregates skip NULLs (count(*) counts the 1s).
    if (!AGGREGATES.has(name)) throw unsupported(`FILTER on ${name}`);
    const cond = asCondition(coerce(ctx, compileExpr(ctx, n['agg_filter'], scope), T('bool')));
    args = n['agg_star'] ? [texpr(`CASE WHEN ${cond} THEN 1 END`, T('int4'))] : args.map((a, i) => (i === 0 ? texpr(`CASE WHEN ${cond} THEN ${asValue(a)} END`, a.type, a.name) : a));
    call = { ...n, agg_star: false };
  }
  const result = handler({ ctx, args, n: call, scope, name });
  if (!over) {
    if (WINDOW_ONLY.has(name)) throw new CompileError('42809', `window function ${name} requires an OVER clause`);
    return result;
  }
  return texpr(`${result.sql} OVER (${windowClause(ctx, over, scope, WINDOW_ONLY.has(name))})`, result.type, name);
}

const AGGREGATES = new Set(['count', 'sum', 'avg', 'min', 'max', 'bool_and', 'bool_or', 'every', 'string_agg']);
const WINDOW_ONLY = new Set(['row_number', 'rank', 'dense_rank', 'percent_rank', 'cume_dist', 'ntile', 'lag', 'lead', 'first_value', 'last_value']);

function windowClause(ctx: TsqlContext, w: AstObject, scope: Scope, needsOrder: boolean): string {
  if (w['refname'] || w['name']) throw unsupported('named windows (WINDOW w AS …)');
  const parts: string[] = [];
  const partition = arr(w['partitionClause']).map((p) => asValue(compileExpr(ctx, p, scope)));
  if (partition.length) parts.push(`PARTITION BY ${partition.join(', ')}`);
  const order = orderByList(ctx, arr(w['orderClause']), scope);
  // T-SQL's ranking functions need an ORDER BY; Postgres numbers the rows in whatever order they come.
  if (order) parts.push(`ORDER BY ${order}`);
  else if (needsOrder) parts.push('ORDER BY (SELECT NULL)');
  const frame = frameClause(w);
  if (frame) parts.push(frame);
  return parts.join(' ');
}

// FRAMEOPTION_* bits from Postgres's parsenodes.h.
const NONDEFAULT = 0x1;
const RANGE = 0x2;
const ROWS = 0x4;
const GROUPS = 0x8;
const START_UNBOUNDED_PRECEDING = 0x20;
const END_UNBOUNDED_FOLLOWING = 0x100;
const START_CURRENT = 0x200;
const END_CURRENT = 0x400;
const START_OFFSET_PRECEDING = 0x800;
const END_OFFSET_PRECEDING = 0x1000;
const START_OFFSET_FOLLOWING = 0x2000;
const END_OFFSET_FOLLOWING = 0x4000;
const EXCLUSIONS = 0x8000 | 0x10000 | 0x20000;

function frameClause(w: AstObject): string | null {
  const o = typeof w['frameOptions'] === 'number' ? w['frameOptions'] : 0;
  if (!(o & NONDEFAULT)) return null;
  if (o & GROUPS) throw unsupported('GROUPS frames');
  if (o & EXCLUSIONS) throw unsupported('frame EXCLUDE');
  const offset = (key: string): string => {
    const c = bodyOf(w[key], 'A_Const');
    const v = obj(c?.['ival'])?.['ival'];
    if (typeof v !== 'number') throw unsupported('a frame offset that is not an integer constant');
    return String(v);
  };
  if ((o & RANGE) && (o & (START_OFFSET_PRECEDING | START_OFFSET_FOLLOWING | END_OFFSET_PRECEDING | END_OFFSET_FOLLOWING))) throw unsupported('RANGE frames with an offset');
  const start = o & START_UNBOUNDED_PRECEDING ? 'UNBOUNDED PRECEDING' : o & START_CURRENT ? 'CURRENT ROW' : o & START_OFFSET_PRECEDING ? `${offset('startOffset')} PRECEDING` : `${offset('startOffset')} FOLLOWING`;
  const end = o & END_UNBOUNDED_FOLLOWING ? 'UNBOUNDED FOLLOWING' : o & END_CURRENT ? 'CURRENT ROW' : o & END_OFFSET_PRECEDING ? `${offset('endOffset')} PRECEDING` : o & END_OFFSET_FOLLOWING ? `${offset('endOffset')} FOLLOWING` : 'CURRENT ROW';
  return `${o & ROWS ? 'ROWS' : 'RANGE'} BETWEEN ${start} AND ${end}`;
}

function windowOnly(c: Call, sql: string, type: PgType): TExpr {
  return texpr(sql, type, c.name);
}

function offsetWindow(c: Call, fn: string): TExpr {
  const v = c.args[0]!;
  const args = [asValue(v), c.args.length > 1 ? int(c, 1) : '1'];
  if (c.args.length > 2) args.push(asValue(coerce(c.ctx, c.args[2]!, v.type)));
  return texpr(call(fn, ...args), resultType(v.type), c.name);
}

/** A function's result carries no typmod in Postgres, and min/max over varchar/char are over text. */
export function resultType(t: PgType): PgType {
  if (t.name === 'varchar' || t.name === 'bpchar') return T('text');
  return t.typmod >= 0 ? (pgType(t.name) ?? t) : t;
}

function aggregate(c: Call, fn: string, type: PgType): TExpr {
  if (arr(c.n['agg_order']).length) throw unsupported(`ORDER BY inside ${c.name}()`);
  const distinct = c.n['agg_distinct'] === true ? 'DISTINCT ' : '';
  if (c.n['agg_star']) return texpr(`${fn}(*)`, type, c.name);
  if (c.args.length !== 1) throw new CompileError('42883', `function ${c.name} with ${c.args.length} arguments does not exist`);
  let arg = c.args[0]!;
  if (arg.type.category === 'unknown') arg = coerce(c.ctx, arg, fn === 'COUNT_BIG' ? T('text') : T('numeric'));
  if (arg.type.category === 'bool' && fn !== 'COUNT_BIG') throw new CompileError('42883', `function ${c.name}(boolean) does not exist`);
  let value = asValue(arg);
  // Postgres widens: sum(int4) is bigint, sum(int8) and avg(integer) are numeric; T-SQL would keep int and overflow or truncate.
  if (fn === 'SUM' && arg.type.category === 'int') value = arg.type.name === 'int8' ? `CAST(${value} AS decimal(38,0))` : `CAST(${value} AS bigint)`;
  if (fn === 'AVG' && arg.type.category === 'int') value = `CAST(${value} AS decimal(38,16))`;
  return texpr(`${fn}(${distinct}${value})`, type, c.name);
}

function sumType(t: PgType | undefined): PgType {
  if (!t || t.category === 'unknown') return T('numeric');
  if (t.name === 'int2' || t.name === 'int4') return T('int8');
  if (t.name === 'int8') return T('numeric');
  if (t.category === 'float') return t.name === 'float4' ? T('float4') : T('float8');
  return T('numeric');
}

function avgType(t: PgType | undefined): PgType {
  return t?.category === 'float' ? T('float8') : T('numeric');
}

function boolAggregate(c: Call, fn: 'MIN' | 'MAX'): TExpr {
  const a = coerce(c.ctx, c.args[0]!, T('bool'));
  return texpr(`CAST(${fn}(CAST(${asValue(a)} AS int)) AS bit)`, T('bool'), c.name);
}

function stringAgg(c: Call): TExpr {
  if (c.n['agg_distinct']) throw unsupported('string_agg(DISTINCT …)');
  // STRING_AGG over nvarchar(max), or SQL Server stops at 8000 bytes.
  const value = `CAST(${text(c, 0)} AS nvarchar(max))`;
  const order = orderByList(c.ctx, arr(c.n['agg_order']), c.scope);
  return texpr(`STRING_AGG(${value}, ${text(c, 1)})${order ? ` WITHIN GROUP (ORDER BY ${order})` : ''}`, T('text'), c.name);
}

/** position/strpos: case-exact, and an empty needle is found at 1 (CHARINDEX would say 0). */
function position(c: Call, haystack: string, needle: string): TExpr {
  return texpr(`CASE WHEN DATALENGTH(${needle}) = 0 THEN 1 ELSE CHARINDEX(${needle}, ${haystack} COLLATE Latin1_General_100_CS_AS_SC) END`, T('int4'), c.name);
}

/** A numeric argument as a T-SQL float (POWER, SIGN return their first argument's type in T-SQL). */
function asFloat(c: Call, i: number): string {
  const a = coerce(c.ctx, c.args[i]!, T('float8'));
  return c.args[i]!.type.category === 'float' ? a.sql : `CAST(${a.sql} AS float)`;
}

/** exp/ln/log of a numeric are exact numeric functions in Postgres; T-SQL has only the float ones. */
function floatOnly(c: Call, i = 0): string {
  if (c.args[i]!.type.category === 'numeric') throw unsupported(`${c.name}() of numeric (exact numeric logarithms and exponentials)`);
  return asFloat(c, i);
}

/** round/trunc: numeric results have `places` decimals (T-SQL keeps the argument's scale); a double rounds half to even. */
function roundOrTrunc(c: Call, truncate: boolean): TExpr {
  const a = numericArg(c);
  if (a.type.category === 'float' || a.type.category === 'int') {
    if (c.args.length > 1) throw new CompileError('42883', `function ${c.name}(double precision, integer) does not exist`);
    const value = asFloat(c, 0);
    return texpr(truncate ? `ROUND(${value}, 0, 1)` : roundHalfEven(value), T('float8'), c.name);
  }
  const places = c.args.length > 1 ? c.args[1]! : null;
  const digits = places?.intValue;
  if (places && digits === undefined) throw unsupported(`${c.name}() to a number of places that is not a constant`);
  const p = numericPrecision(a.type);
  const scale = Math.max(0, digits ?? 0);
  const precision = Math.min(38, (p ? p[0] - p[1] : 28) + scale + 1);
  return texpr(`CAST(ROUND(${a.sql}, ${digits ?? 0}${truncate ? ', 1' : ''}) AS decimal(${precision},${scale}))`, T('numeric'), c.name);
}

/** left/right with a negative length: all but the last (first) |n| characters, as Postgres does. */
function leftRight(c: Call, fn: 'LEFT' | 'RIGHT'): TExpr {
  const value = text(c, 0);
  const n = int(c, 1);
  const length = `(LEN(${value} + N'.') - 1)`;
  return texpr(`${fn}(${value}, CASE WHEN ${n} >= 0 THEN ${n} WHEN ${length} + ${n} > 0 THEN ${length} + ${n} ELSE 0 END)`, T('text'), c.name);
}

function trim(c: Call, where: 'BOTH' | 'LEADING' | 'TRAILING'): TExpr {
  const value = text(c, 0);
  const chars = c.args.length > 1 ? text(c, 1) : "N' '";
  if (c.args.length === 1) return texpr(where === 'BOTH' ? `LTRIM(RTRIM(${value}))` : call(where === 'LEADING' ? 'LTRIM' : 'RTRIM', value), T('text'), c.name);
  if (where === 'BOTH') return texpr(`TRIM(${chars} FROM ${value})`, T('text'), c.name);
  throw unsupported(`${where === 'LEADING' ? 'ltrim' : 'rtrim'} with characters (SQL Server 2022's LTRIM(x, chars))`);
}

function pad(c: Call, left: boolean): TExpr {
  const value = text(c, 0);
  const len = int(c, 1);
  const fill = c.args.length > 2 ? text(c, 2) : "N' '";
  // Postgres truncates to the length too.
  const filler = `REPLICATE(${fill}, ${len})`;
  // The fill repeats from its start on both sides (lpad('x', 4, 'ab') = 'abax').
  const sql = left ? `LEFT(${filler}, ${len} - (LEN(${value} + N'.') - 1)) + ${value}` : `LEFT(${value} + ${filler}, ${len})`;
  return texpr(`CASE WHEN ${len} <= LEN(${value} + N'.') - 1 THEN LEFT(${value}, ${len}) ELSE ${sql} END`, T('text'), c.name);
}
