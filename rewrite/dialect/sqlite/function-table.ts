// The one table of functions: each Postgres function this dialect runs, with how its result type follows
// from its arguments and the SQLite it becomes. A function not listed is refused (0A000), never passed
// through to a SQLite function of the same name that could mean something else.
import type { CompileContext } from './compile-context.js';
import { coerce, commonType, outputText } from './coercion.js';
import { CompileError, unsupported } from './compile-error.js';
import { expr, type Expr } from './expr.js';
import { arrayOf, displayType, T, type PgType } from '../common/pg-types.js';
import { call, literal } from './sql-text.js';
import { comparable, equalityKey, isOpen, power } from './operators.js';
import { CATALOG_FUNCTIONS } from './catalog-functions.js';

/** DISTINCT and ORDER BY inside an aggregate's parentheses, already compiled. */
export type AggregateParts = { readonly distinct: boolean; readonly orderBy: string };

export type FunctionEntry = {
  readonly kind: 'scalar' | 'aggregate' | 'window';
  compile(ctx: CompileContext, args: Expr[], agg: AggregateParts): Expr;
};

const t = T;

function wrapAgg(fn: string, args: string[], agg: AggregateParts): string {
  if (agg.distinct && args.length > 1) throw unsupported(`${fn === 'group_concat' ? 'string_agg' : fn}(DISTINCT …) with more than one argument`);
  return `${fn}(${agg.distinct ? 'DISTINCT ' : ''}${args.join(', ')}${agg.orderBy})`;
}

function arity(name: string, args: Expr[], min: number, max = min): void {
  if (args.length < min || args.length > max) throw new CompileError('42883', `function ${name} with ${args.length} arguments does not exist`);
}

/** Coerce open arguments to `type`; leave typed ones. */
function as(ctx: CompileContext, e: Expr, type: PgType): Expr {
  return coerce(ctx, e, type);
}

function text(ctx: CompileContext, e: Expr): string {
  return coerce(ctx, e, t('text'), 'explicit').sql;
}

function int(ctx: CompileContext, e: Expr): string {
  return coerce(ctx, e, t('int4')).sql;
}

/** A scalar that maps argument-for-argument onto one SQL function, with a fixed result type. */
function simple(fn: string, result: string | ((args: Expr[]) => PgType), argTypes: (string | null)[], min = argTypes.length): FunctionEntry {
  return {
    kind: 'scalar',
    compile(ctx, args) {
      arity(fn, args, min, argTypes.length);
      const sql = args.map((a, i) => {
        const want = argTypes[i];
        if (want === null || want === undefined) return isOpen(ctx, a) ? as(ctx, a, t('text')).sql : a.sql;
        return want === 'text' ? text(ctx, a) : as(ctx, a, t(want)).sql;
      });
      return expr(call(fn, ...sql), typeof result === 'string' ? t(result) : result(args));
    },
  };
}

function aggregate(compile: (ctx: CompileContext, args: Expr[], agg: AggregateParts) => Expr): FunctionEntry {
  return { kind: 'aggregate', compile };
}

function windowFn(compile: (ctx: CompileContext, args: Expr[]) => Expr): FunctionEntry {
  return { kind: 'window', compile: (ctx, args) => compile(ctx, args) };
}

function numericArg(ctx: CompileContext, e: Expr): Expr {
  return isOpen(ctx, e) ? as(ctx, e, t('numeric')) : e;
}

const sum = aggregate((ctx, args, agg) => {
  arity('sum', args, 1);
  const a = numericArg(ctx, args[0]!);
  switch (a.type.name) {
    case 'int2':
    case 'int4':
      return expr(wrapAgg('sum', [a.sql], agg), t('int8'));
    case 'int8':
      return expr(wrapAgg('pgf_int_sum8', [a.sql], agg), t('numeric'));
    case 'numeric':
      return expr(wrapAgg('pgf_num_sum', [a.sql], agg), t('numeric'));
    case 'float4':
    case 'float8':
      // sum(real) is real in Postgres; avg(real) is double precision.
      return expr(wrapAgg('pgf_float_sum', [a.sql], agg), t(a.type.name));
    case 'interval':
      return expr(wrapAgg('pgf_interval_sum', [a.sql], agg), t('interval'));
  }
  throw new CompileError('42883', `function sum(${displayType(a.type)}) does not exist`);
});

const avg = aggregate((ctx, args, agg) => {
  arity('avg', args, 1);
  const a = numericArg(ctx, args[0]!);
  if (a.type.category === 'int' || a.type.category === 'numeric') return expr(wrapAgg('pgf_num_avg', [a.sql], agg), t('numeric'));
  if (a.type.category === 'float') return expr(wrapAgg('pgf_float_avg', [a.sql], agg), t('float8'));
  if (a.type.category === 'interval') return expr(wrapAgg('pgf_interval_avg', [a.sql], agg), t('interval'));
  throw new CompileError('42883', `function avg(${displayType(a.type)}) does not exist`);
});

function minMax(fn: 'min' | 'max'): FunctionEntry {
  return aggregate((ctx, args, agg) => {
    arity(fn, args, 1);
    const a = isOpen(ctx, args[0]!) ? as(ctx, args[0]!, t('text')) : args[0]!;
    if (a.type.category === 'numeric') return expr(wrapAgg(`pgf_num_${fn}`, [a.sql], agg), a.type);
    if (a.type.category === 'interval') return expr(wrapAgg(`pgf_interval_${fn}`, [a.sql], agg), a.type);
    if (a.type.category === 'array' || a.type.category === 'json') throw unsupported(`${fn}(${displayType(a.type)})`);
    // min/max have no varchar version: Postgres computes them as text (bpchar has its own).
    return expr(wrapAgg(fn, [a.sql], agg), a.type.name === 'varchar' || a.type.name === 'name' ? T('text') : a.type);
  });
}

function floatAgg(fn: string): FunctionEntry {
  return aggregate((ctx, args, agg) => {
    arity(fn, args, 1);
    const a = numericArg(ctx, args[0]!);
    const numeric = a.type.category === 'int' || a.type.category === 'numeric';
    const sql = wrapAgg(`pgf_${fn}`, [coerce(ctx, a, t('float8')).sql], agg);
    // Postgres computes these in numeric for integer and numeric input: refused rather than rounded differently.
    if (numeric) throw unsupported(`${fn}() of ${displayType(a.type)} (use a cast to double precision)`);
    return expr(sql, t('float8'));
  });
}

function windowSame(fn: string): FunctionEntry {
  return windowFn((ctx, args) => {
    arity(fn, args, 1, 3);
    const v = isOpen(ctx, args[0]!) ? as(ctx, args[0]!, t('text')) : args[0]!;
    // anyelement: the result (and a default) take the argument's type without its typmod.
    const type = v.type.typmod < 0 || v.type.category === 'array' ? v.type : t(v.type.name);
    const rest = args.slice(1).map((a, i) => (i === 0 ? int(ctx, a) : coerce(ctx, a, type).sql));
    return expr(call(fn, v.sql, ...rest), type);
  });
}

function dateTimeKind(e: Expr): string {
  const c = e.type.category;
  if (c === 'date' || c === 'timestamp' || c === 'timestamptz' || c === 'time' || c === 'interval') return c;
  throw new CompileError('42883', `function does not exist for type ${displayType(e.type)}`);
}

/** An untyped date/time argument is read as timestamptz, as Postgres picks for date_trunc('day', '…'). */
function dateTimeArg(ctx: CompileContext, e: Expr): Expr {
  return isOpen(ctx, e) ? as(ctx, e, t('timestamptz')) : e;
}

const now = simple('pgf_now', 'timestamptz', []);

export const FUNCTIONS: ReadonlyMap<string, FunctionEntry> = new Map<string, FunctionEntry>([
  ...CATALOG_FUNCTIONS,
  ['count', aggregate((ctx, args, agg) => {
    if (args.length === 0) return expr(`count(*)`, t('int8'));
    arity('count', args, 1);
    const a = isOpen(ctx, args[0]!) ? as(ctx, args[0]!, t('text')) : args[0]!;
    // count(DISTINCT x) counts values, not texts (1.0 and 1.00 are one numeric).
    return expr(wrapAgg('count', [agg.distinct ? equalityKey(a.sql, a.type) : a.sql], agg), t('int8'));
  })],
  ['sum', sum],
  ['avg', avg],
  ['min', minMax('min')],
  ['max', minMax('max')],
  ['string_agg', aggregate((ctx, args, agg) => {
    arity('string_agg', args, 2);
    // SQLite's DISTINCT takes one argument: with the separator group_concat uses anyway (','), leave it out.
    const sep = args[1]!.unknownText === ',' && agg.distinct ? [] : [text(ctx, args[1]!)];
    return expr(wrapAgg('group_concat', [text(ctx, args[0]!), ...sep], agg), t('text'));
  })],
  ['array_agg', aggregate((ctx, args, agg) => {
    arity('array_agg', args, 1);
    const a = isOpen(ctx, args[0]!) ? as(ctx, args[0]!, t('text')) : args[0]!;
    if (a.type.category === 'array') throw unsupported('array_agg of arrays');
    return expr(wrapAgg('pgf_array_agg', [a.sql, literal(a.type.name)], agg), arrayOf(a.type));
  })],
  ['bool_and', aggregate((ctx, args, agg) => expr(wrapAgg('min', [as(ctx, args[0]!, t('bool')).sql], agg), t('bool')))],
  ['every', aggregate((ctx, args, agg) => expr(wrapAgg('min', [as(ctx, args[0]!, t('bool')).sql], agg), t('bool')))],
  ['bool_or', aggregate((ctx, args, agg) => expr(wrapAgg('max', [as(ctx, args[0]!, t('bool')).sql], agg), t('bool')))],
  ['json_agg', aggregate((ctx, args, agg) => expr(wrapAgg('pgf_json_agg', [args[0]!.sql, literal(args[0]!.type.name)], agg), t('json')))],
  ['jsonb_agg', aggregate((ctx, args, agg) => expr(wrapAgg('pgf_jsonb_agg', [args[0]!.sql, literal(args[0]!.type.name)], agg), t('jsonb')))],
  ['json_object_agg', aggregate((ctx, args, agg) => expr(wrapAgg('pgf_json_object_agg', [text(ctx, args[0]!), args[1]!.sql, literal(args[1]!.type.name)], agg), t('json')))],
  ['stddev', floatAgg('stddev_samp')],
  ['stddev_samp', floatAgg('stddev_samp')],
  ['stddev_pop', floatAgg('stddev_pop')],
  ['variance', floatAgg('var_samp')],
  ['var_samp', floatAgg('var_samp')],
  ['var_pop', floatAgg('var_pop')],

  ['row_number', windowFn(() => expr('row_number()', t('int8')))],
  ['rank', windowFn(() => expr('rank()', t('int8')))],
  ['dense_rank', windowFn(() => expr('dense_rank()', t('int8')))],
  ['percent_rank', windowFn(() => expr('percent_rank()', t('float8')))],
  ['cume_dist', windowFn(() => expr('cume_dist()', t('float8')))],
  ['ntile', windowFn((ctx, args) => expr(call('ntile', int(ctx, args[0]!)), t('int4')))],
  ['lag', windowSame('lag')],
  ['lead', windowSame('lead')],
  ['first_value', windowSame('first_value')],
  ['last_value', windowSame('last_value')],
  ['nth_value', windowSame('nth_value')],

  ['lower', simple('lower', 'text', ['text'])],
  ['upper', simple('upper', 'text', ['text'])],
  ['length', { kind: 'scalar', compile: (ctx, args) => (args[0]?.type.category === 'bytea' ? expr(call('length', args[0]!.sql), t('int4')) : simple('length', 'int4', ['text']).compile(ctx, args, NO_AGG)) }],
  ['char_length', simple('length', 'int4', ['text'])],
  ['character_length', simple('length', 'int4', ['text'])],
  // bytea is stored as a blob: its length is its byte count (its text form \x… is twice as long and more).
  ['octet_length', { kind: 'scalar', compile: (ctx, args) => expr(args[0]?.type.category === 'bytea' ? call('length', args[0]!.sql) : `length(CAST(${text(ctx, args[0]!)} AS BLOB))`, t('int4')) }],
  ['substring', { kind: 'scalar', compile: (ctx, args) => substring(ctx, args) }],
  ['substr', { kind: 'scalar', compile: (ctx, args) => substring(ctx, args) }],
  // position(sub IN s) is parsed as position(s, sub).
  ['position', { kind: 'scalar', compile: (ctx, args) => expr(call('instr', text(ctx, args[0]!), text(ctx, args[1]!)), t('int4')) }],
  ['strpos', { kind: 'scalar', compile: (ctx, args) => expr(call('instr', text(ctx, args[0]!), text(ctx, args[1]!)), t('int4')) }],
  ['replace', simple('replace', 'text', ['text', 'text', 'text'])],
  ['btrim', simple('trim', 'text', ['text', 'text'], 1)],
  ['ltrim', simple('ltrim', 'text', ['text', 'text'], 1)],
  ['rtrim', simple('rtrim', 'text', ['text', 'text'], 1)],
  ['split_part', simple('pgf_split_part', 'text', ['text', 'text', 'int4'])],
  ['left', simple('pgf_left', 'text', ['text', 'int4'])],
  ['right', simple('pgf_right', 'text', ['text', 'int4'])],
  ['lpad', simple('pgf_lpad', 'text', ['text', 'int4', 'text'], 2)],
  ['rpad', simple('pgf_rpad', 'text', ['text', 'int4', 'text'], 2)],
  ['initcap', simple('pgf_initcap', 'text', ['text'])],
  ['repeat', simple('pgf_repeat', 'text', ['text', 'int4'])],
  ['reverse', simple('pgf_reverse', 'text', ['text'])],
  ['md5', simple('pgf_md5', 'text', ['text'])],
  ['translate', simple('pgf_translate', 'text', ['text', 'text', 'text'])],
  ['starts_with', simple('pgf_starts_with', 'bool', ['text', 'text'])],
  ['chr', simple('pgf_chr', 'text', ['int4'])],
  ['ascii', simple('pgf_ascii', 'int4', ['text'])],
  ['quote_ident', simple('pgf_quote_ident', 'text', ['text'])],
  ['quote_literal', simple('pgf_quote_literal', 'text', ['text'])],
  ['to_hex', simple('pgf_to_hex', 'text', ['int8'])],
  ['regexp_replace', simple('pgf_regexp_replace', 'text', ['text', 'text', 'text', 'text'], 3)],
  ['regexp_match', simple('pgf_regexp_match', '_text', ['text', 'text', 'text'], 2)],
  ['string_to_array', simple('pgf_string_to_array', '_text', ['text', 'text', 'text'], 2)],
  // "any" arguments are printed by their type's output function (true → t), not cast to text (true → true).
  ['concat', { kind: 'scalar', compile: (ctx, args) => expr(call('pgf_concat', ...args.map((a) => outputText(ctx, a))), t('text')) }],
  ['concat_ws', { kind: 'scalar', compile: (ctx, args) => expr(call('pgf_concat_ws', ...args.map((a, i) => (i === 0 ? text(ctx, a) : outputText(ctx, a)))), t('text')) }],
  ['format', { kind: 'scalar', compile: (ctx, args) => expr(call('pgf_format', ...args.map((a, i) => (i === 0 ? text(ctx, a) : outputText(ctx, a)))), t('text')) }],

  ['abs', { kind: 'scalar', compile: (ctx, args) => {
    const a = numericArg(ctx, args[0]!);
    return expr(a.type.category === 'numeric' ? call('pgf_num_abs', a.sql) : call('abs', a.sql), a.type);
  } }],
  ['round', { kind: 'scalar', compile: (ctx, args) => rounding(ctx, 'round', args) }],
  ['trunc', { kind: 'scalar', compile: (ctx, args) => rounding(ctx, 'trunc', args) }],
  ['ceil', { kind: 'scalar', compile: (ctx, args) => rounding(ctx, 'ceil', args) }],
  ['ceiling', { kind: 'scalar', compile: (ctx, args) => rounding(ctx, 'ceil', args) }],
  ['floor', { kind: 'scalar', compile: (ctx, args) => rounding(ctx, 'floor', args) }],
  ['sign', { kind: 'scalar', compile: (ctx, args) => {
    const a = numericArg(ctx, args[0]!);
    const s = `(CASE WHEN ${comparable(a.sql, a.type)} > 0 THEN 1 WHEN ${comparable(a.sql, a.type)} < 0 THEN -1 ELSE 0 END)`;
    return expr(a.type.category === 'numeric' ? `CAST(${s} AS TEXT)` : a.type.category === 'float' ? `CAST(${s} AS REAL)` : s, a.type.category === 'int' ? t('float8') : a.type);
  } }],
  // A numeric argument selects the numeric version (numeric result, Postgres's scale); others the float8 one.
  ['sqrt', { kind: 'scalar', compile: (ctx, args) => (args[0]?.type.category === 'numeric' ? expr(call('pgf_num_sqrt', args[0]!.sql), t('numeric')) : simple('pgf_float_sqrt', 'float8', ['float8']).compile(ctx, args, NO_AGG)) }],
  ['power', { kind: 'scalar', compile: (ctx, args) => (arity('power', args, 2), power(ctx, args[0]!, args[1]!)) }],
  ['pow', { kind: 'scalar', compile: (ctx, args) => (arity('pow', args, 2), power(ctx, args[0]!, args[1]!)) }],
  ['exp', floatOnly('exp', 'exp')],
  // SQLite's ln/log10/sqrt answer NULL where Postgres fails: pgf_float_* raise Postgres's errors.
  ['ln', floatOnly('ln', 'pgf_float_ln')],
  ['log', floatOnly('log', 'pgf_float_log10')],
  ['mod', { kind: 'scalar', compile: (ctx, args) => {
    const [a, b] = [numericArg(ctx, args[0]!), numericArg(ctx, args[1]!)];
    if (a.type.category === 'int' && b.type.category === 'int') return expr(call('pgf_int_mod', a.sql, b.sql), commonType([a.type, b.type]));
    return expr(call('pgf_num_mod', as(ctx, a, t('numeric')).sql, as(ctx, b, t('numeric')).sql), t('numeric'));
  } }],
  ['div', { kind: 'scalar', compile: (ctx, args) => expr(call('pgf_num_trunc', call('pgf_num_div', as(ctx, args[0]!, t('numeric')).sql, as(ctx, args[1]!, t('numeric')).sql)), t('numeric')) }],
  ['random', simple('pgf_random', 'float8', [])],
  ['gen_random_uuid', simple('pgf_gen_random_uuid', 'uuid', [])],

  ['now', now],
  ['transaction_timestamp', now],
  ['statement_timestamp', simple('pgf_now', 'timestamptz', [])],
  ['clock_timestamp', simple('pgf_clock', 'timestamptz', [])],
  ['date_trunc', { kind: 'scalar', compile: (ctx, args) => {
    arity('date_trunc', args, 2);
    let v = dateTimeArg(ctx, args[1]!);
    if (v.type.category === 'date') v = coerce(ctx, v, t('timestamptz'));
    return expr(call('pgf_date_trunc', text(ctx, args[0]!), v.sql, literal(dateTimeKind(v))), v.type);
  } }],
  ['extract', { kind: 'scalar', compile: (ctx, args) => {
    const v = dateTimeArg(ctx, args[1]!);
    return expr(call('pgf_extract', text(ctx, args[0]!), v.sql, literal(dateTimeKind(v))), t('numeric'));
  } }],
  ['date_part', { kind: 'scalar', compile: (ctx, args) => {
    let v = dateTimeArg(ctx, args[1]!);
    if (v.type.category === 'date') v = coerce(ctx, v, t('timestamp'));
    return expr(call('pgf_date_part', text(ctx, args[0]!), v.sql, literal(dateTimeKind(v))), t('float8'));
  } }],
  ['age', { kind: 'scalar', compile: (ctx, args) => {
    arity('age', args, 1, 2);
    const stamp = (e: Expr): string => coerce(ctx, isOpen(ctx, e) ? as(ctx, e, t('timestamptz')) : e, t('timestamptz')).sql;
    const from = args.length === 2 ? stamp(args[0]!) : `(substr(pgf_now(), 1, 10) || ' 00:00:00+00')`;
    return expr(call('pgf_age', from, stamp(args[args.length - 1]!)), t('interval'));
  } }],
  ['to_char', { kind: 'scalar', compile: (ctx, args) => {
    arity('to_char', args, 2);
    const v = isOpen(ctx, args[0]!) ? as(ctx, args[0]!, t('timestamptz')) : args[0]!;
    const c = v.type.category;
    const kind = c === 'int' || c === 'float' || c === 'numeric' ? 'numeric' : dateTimeKind(v);
    return expr(call('pgf_to_char', v.sql, text(ctx, args[1]!), literal(kind)), t('text'));
  } }],
  ['to_date', simple('pgf_to_date', 'date', ['text', 'text'])],
  ['to_timestamp', { kind: 'scalar', compile: (ctx, args) => args.length === 1
    ? expr(call('pgf_to_timestamp_epoch', as(ctx, args[0]!, t('float8')).sql), t('timestamptz'))
    : expr(call('pgf_to_timestamp', text(ctx, args[0]!), text(ctx, args[1]!)), t('timestamptz')) }],
  ['make_date', simple('pgf_make_date', 'date', ['int4', 'int4', 'int4'])],
  ['justify_days', simple('pgf_justify_days', 'interval', ['interval'])],
  ['justify_hours', simple('pgf_justify_hours', 'interval', ['interval'])],
  ['justify_interval', simple('pgf_justify_interval', 'interval', ['interval'])],

  ['version', { kind: 'scalar', compile: () => expr(call('pgf_setting', literal('pgfabric.version_string')), t('text')) }],
  ['current_database', { kind: 'scalar', compile: () => expr(call('pgf_setting', literal('pgfabric.database')), t('name')) }],
  ['current_schema', { kind: 'scalar', compile: () => expr(literal('public'), t('name')) }],
  ['current_setting', simple('pgf_setting', 'text', ['text'])],
  ['pg_backend_pid', { kind: 'scalar', compile: () => expr(`CAST(pgf_setting('pgfabric.pid') AS INTEGER)`, t('int4')) }],
  ['nextval', simple('pgf_nextval', 'int8', ['text'])],
  ['currval', simple('pgf_currval', 'int8', ['text'])],
  ['setval', simple('pgf_setval', 'int8', ['text', 'int8', 'bool'], 2)],
  ['pg_sleep', simple('pgf_sleep', 'void', ['float8'])],

  ['json_build_object', { kind: 'scalar', compile: (ctx, args) => jsonBuild(ctx, 'pgf_json_build_object', 'json', args) }],
  ['jsonb_build_object', { kind: 'scalar', compile: (ctx, args) => jsonBuild(ctx, 'pgf_jsonb_build_object', 'jsonb', args) }],
  ['json_build_array', { kind: 'scalar', compile: (ctx, args) => jsonBuild(ctx, 'pgf_json_build_array', 'json', args) }],
  ['jsonb_build_array', { kind: 'scalar', compile: (ctx, args) => jsonBuild(ctx, 'pgf_jsonb_build_array', 'jsonb', args) }],
  ['to_json', { kind: 'scalar', compile: (ctx, args) => expr(call('pgf_to_json', args[0]!.sql, literal(args[0]!.type.name)), t('json')) }],
  ['to_jsonb', { kind: 'scalar', compile: (ctx, args) => expr(call('pgf_to_jsonb', args[0]!.sql, literal(args[0]!.type.name)), t('jsonb')) }],
  ['jsonb_typeof', simple('pgf_jsonb_typeof', 'text', ['jsonb'])],
  ['json_typeof', simple('pgf_jsonb_typeof', 'text', ['json'])],
  ['jsonb_array_length', simple('pgf_json_array_length', 'int4', ['jsonb'])],
  ['json_array_length', simple('pgf_json_array_length', 'int4', ['json'])],
  ['jsonb_set', simple('pgf_jsonb_set', 'jsonb', ['jsonb', '_text', 'jsonb', 'bool'], 3)],
  ['jsonb_strip_nulls', simple('pgf_jsonb_strip_nulls', 'jsonb', ['jsonb'])],

  ['array_length', { kind: 'scalar', compile: (ctx, args) => expr(call('pgf_array_length', args[0]!.sql, int(ctx, args[1]!)), t('int4')) }],
  ['cardinality', { kind: 'scalar', compile: (_ctx, args) => expr(call('pgf_cardinality', args[0]!.sql), t('int4')) }],
  ['array_to_string', { kind: 'scalar', compile: (ctx, args) => expr(call('pgf_array_to_string', args[0]!.sql, ...args.slice(1).map((a) => text(ctx, a))), t('text')) }],
  ['array_position', { kind: 'scalar', compile: (ctx, args) => expr(call('pgf_array_position', args[0]!.sql, text(ctx, args[1]!)), t('int4')) }],
]);

const NO_AGG: AggregateParts = { distinct: false, orderBy: '' };

/** exp/ln/log of numeric compute in numeric in Postgres (numeric result, its own scale): refused rather than approximated in float8. */
function floatOnly(name: string, fn: string): FunctionEntry {
  return {
    kind: 'scalar',
    compile(ctx, args) {
      if (args.some((a) => a.type.category === 'numeric')) throw unsupported(`${name}() of numeric (use a cast to double precision)`);
      return simple(fn, 'float8', ['float8']).compile(ctx, args, NO_AGG);
    },
  };
}

function substring(ctx: CompileContext, args: Expr[]): Expr {
  arity('substring', args, 2, 3);
  const s = text(ctx, args[0]!);
  const from = args[1]!;
  if (from.type.category === 'text' || (from.unknownText !== undefined && !/^\d+$/.test(from.unknownText))) {
    // substring(s from 'regex')
    if (args.length === 3) throw unsupported('substring with SIMILAR escape');
    return expr(call('pgf_regexp_substr', s, text(ctx, from)), t('text'));
  }
  const start = int(ctx, from);
  if (args.length === 2) return expr(`substr(${s}, max(${start}, 1))`, t('text'));
  const len = int(ctx, args[2]!);
  // Postgres counts positions before 1 against the length; SQLite counts a negative start from the end.
  return expr(`substr(${s}, max(${start}, 1), max(${start} + ${len} - max(${start}, 1), 0))`, t('text'));
}

function rounding(ctx: CompileContext, fn: 'round' | 'trunc' | 'ceil' | 'floor', args: Expr[]): Expr {
  arity(fn, args, 1, fn === 'round' || fn === 'trunc' ? 2 : 1);
  const a = numericArg(ctx, args[0]!);
  // round(integer) and the like resolve to the float8 versions in Postgres (float8 is the preferred numeric type).
  if (args.length === 1 && a.type.category === 'int') return expr(`CAST(${a.sql} AS REAL)`, t('float8'));
  if (args.length === 2 || a.type.category === 'numeric' || a.type.category === 'int') {
    const n = coerce(ctx, a, t('numeric')).sql;
    return expr(call(`pgf_num_${fn}`, n, ...args.slice(1).map((x) => int(ctx, x))), t('numeric'));
  }
  if (a.type.category === 'float') {
    if (fn === 'round') return expr(call('pgf_float_round', a.sql), t('float8'));
    if (fn === 'trunc') return expr(`CAST(CAST(${a.sql} AS INTEGER) AS REAL)`, t('float8'));
    return expr(call(fn, a.sql), t('float8'));
  }
  throw new CompileError('42883', `function ${fn}(${displayType(a.type)}) does not exist`);
}

function jsonBuild(ctx: CompileContext, fn: string, result: string, args: Expr[]): Expr {
  // Each value travels with its type name so the function renders it as Postgres would (numbers bare, booleans true/false).
  const parts = args.flatMap((a) => {
    const e = isOpen(ctx, a) ? as(ctx, a, t('text')) : a;
    return [e.sql, literal(e.type.name)];
  });
  return expr(call(fn, ...parts), t(result));
}
