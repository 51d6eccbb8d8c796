// Expressions: each parse-tree node becomes T-SQL text with its Postgres type. Anything not handled here is
// refused by name (0A000).
import { unwrap, type AstObject } from '../../parser/node-walker.js';
import { arr, bodyOf, obj, str, stringList } from '../../tenant/ast-nodes.js';
import { CompileError, unsupported } from '../common/compile-error.js';
import { pgType, T } from '../common/pg-types.js';
import type { Scope } from '../common/scope.js';
import { resolveTypeName } from '../common/type-names.js';
import { coerce, commonType } from './coercion.js';
import type { TsqlContext } from './context.js';
import { compileFunctionCall } from './functions.js';
import { intervalParts } from './interval-literal.js';
import { aExpr, unify } from './operators.js';
import { compileSubquery } from './select-compiler.js';
import { asCondition, asValue, NO_NAME, predicate, texpr, type TExpr } from './texpr.js';
import { literal, param } from './tsql-text.js';
import { normalizeNumeric } from '../common/numeric-literal.js';

export function compileExpr(ctx: TsqlContext, node: unknown, scope: Scope): TExpr {
  const w = unwrap(node);
  if (!w) throw unsupported('an empty expression');
  const n = w.node;
  switch (w.type) {
    case 'A_Const':
      return constant(n);
    case 'ParamRef': {
      const number = n['number'] as number;
      const known = ctx.paramType(number);
      return known ? texpr(ctx.paramText.get(number) ?? param(number), known) : { sql: param(number), type: T('unknown'), name: NO_NAME, param: number };
    }
    case 'ColumnRef':
      return columnRef(n, scope);
    case 'TypeCast':
      return typeCast(ctx, n, scope);
    case 'A_Expr':
      return aExpr(ctx, n, scope);
    case 'BoolExpr':
      return boolExpr(ctx, n, scope);
    case 'NullTest': {
      const a = compileExpr(ctx, n['arg'], scope);
      return predicate(`${asValue(a)} ${n['nulltesttype'] === 'IS_NOT_NULL' ? 'IS NOT NULL' : 'IS NULL'}`);
    }
    case 'BooleanTest':
      return booleanTest(ctx, n, scope);
    case 'FuncCall':
      return compileFunctionCall(ctx, n, scope);
    case 'CaseExpr':
      return caseExpr(ctx, n, scope);
    case 'CoalesceExpr': {
      const args = arr(n['args']).map((a) => compileExpr(ctx, a, scope));
      const type = commonType(args.map((a) => a.type));
      const typed = args.map((a) => coerce(ctx, a, type));
      return texpr(`COALESCE(${typed.map(asValue).join(', ')})`, type, 'coalesce', typed.some((a) => a.notNull) ? { notNull: true } : {});
    }
    case 'MinMaxExpr':
      return minMax(ctx, n, scope);
    case 'SubLink':
      return subLink(ctx, n, scope);
    case 'SQLValueFunction':
      return sqlValueFunction(n);
    case 'CollateClause': {
      const coll = stringList(n['collname']).join('.');
      if (!['C', 'POSIX', 'default', 'pg_catalog.default', 'pg_catalog.C'].includes(coll)) throw unsupported(`COLLATE "${coll}"`);
      const inner = compileExpr(ctx, n['arg'], scope);
      return { ...inner, sql: `${inner.sql} COLLATE Latin1_General_100_BIN2` };
    }
    case 'A_ArrayExpr':
      throw unsupported('arrays');
    case 'A_Indirection':
      throw unsupported('subscripts and field selection');
    case 'RowExpr':
      throw unsupported('row constructors');
    default:
      throw unsupported(`expression ${w.type}`);
  }
}

function constant(n: AstObject): TExpr {
  if (n['isnull']) return { sql: 'NULL', type: T('unknown'), name: NO_NAME, isNull: true };
  const ival = obj(n['ival']);
  if (ival) {
    const v = typeof ival['ival'] === 'number' ? ival['ival'] : 0;
    return texpr(String(v), T('int4'), NO_NAME, { intValue: v, notNull: true });
  }
  const fval = obj(n['fval']);
  if (fval) {
    const text = str(fval['fval']) ?? '0';
    if (/^-?\d+$/.test(text)) {
      // -2147483648 arrives as a float constant (the minus folded in by the parser): it is still an integer.
      const v = BigInt(text);
      // (T-SQL reads -2147483648 as minus a decimal 2147483648: the cast keeps it an int.)
      if (v >= -2147483648n && v <= 2147483647n) return texpr(v === -2147483648n ? 'CAST(-2147483648 AS int)' : String(v), T('int4'), NO_NAME, { intValue: Number(v), notNull: true });
      if (v <= 9223372036854775807n && v >= -9223372036854775808n) return texpr(`CAST(${text} AS bigint)`, T('int8'), NO_NAME, { notNull: true });
      return texpr(`CAST(${text} AS decimal(38,0))`, T('numeric'), NO_NAME, { notNull: true });
    }
    // 1.50 is numeric with the scale written, as in T-SQL; 1e3 is a float in T-SQL, so it is cast back.
    // 1.50 keeps its scale, as in Postgres; 1e3 is written out (T-SQL would read an exponent as a float).
    const value = normalizeNumeric(text);
    return texpr(value.includes('.') ? value : `CAST(${value} AS decimal(38,0))`, T('numeric'), NO_NAME, { notNull: true });
  }
  const sval = obj(n['sval']);
  if (sval) {
    const text = str(sval['sval']) ?? '';
    return { sql: literal(text), type: T('unknown'), name: NO_NAME, unknownText: text, notNull: true };
  }
  const bool = obj(n['boolval']);
  if (bool) return texpr(bool['boolval'] === true ? '1 = 1' : '1 = 0', T('bool'), 'bool', { predicate: true, notNull: true });
  throw unsupported(obj(n['bsval']) ? 'bit-string constants' : 'this constant');
}

function columnRef(n: AstObject, scope: Scope): TExpr {
  const fields = arr(n['fields']);
  if (fields.some((f) => bodyOf(f, 'A_Star'))) throw unsupported('* in this position');
  const names = fields.map((f) => str(bodyOf(f, 'String')?.['sval']) ?? '');
  if (names.length > 3) throw unsupported('cross-database references');
  const column = names[names.length - 1]!;
  const qualifier = names.length >= 2 ? names[names.length - 2]! : null;
  const hit = scope.resolve(qualifier, column);
  return texpr(hit.sql, hit.type, column, hit.notNull ? { notNull: true } : {});
}

function typeCast(ctx: TsqlContext, n: AstObject, scope: Scope): TExpr {
  const typeName = obj(n['typeName']) ?? {};
  const last = stringList(typeName['names']).pop()?.toLowerCase() ?? '';
  const arg = compileExpr(ctx, n['arg'], scope);
  if (last === 'interval') {
    if (arg.unknownText === undefined) throw unsupported('interval values (only literals added to dates and times)');
    return texpr(literal(arg.unknownText), T('interval'), 'interval', { interval: intervalParts(arg.unknownText) });
  }
  if (['regclass', 'regtype', 'regproc', 'regnamespace', 'oid'].includes(last)) throw unsupported(`${last} casts outside catalog queries`);
  const { type } = resolveTypeName(n['typeName']);
  const out = coerce(ctx, arg, type, 'explicit');
  return { ...out, name: arg.name !== NO_NAME ? arg.name : displayName(last) };
}

/** The column name Postgres gives `x::type` when x has none: the type's name (`int4`, `numeric`, `text`). */
function displayName(typeName: string): string {
  const aliases: Record<string, string> = { integer: 'int4', int: 'int4', bigint: 'int8', smallint: 'int2', boolean: 'bool', real: 'float4', 'double precision': 'float8', decimal: 'numeric' };
  return aliases[typeName] ?? typeName;
}

function boolExpr(ctx: TsqlContext, n: AstObject, scope: Scope): TExpr {
  const op = str(n['boolop']);
  const args = arr(n['args']).map((a) => coerce(ctx, compileExpr(ctx, a, scope), T('bool')));
  for (const a of args) if (a.type.category !== 'bool') throw new CompileError('42804', `argument of ${op === 'NOT_EXPR' ? 'NOT' : op === 'AND_EXPR' ? 'AND' : 'OR'} must be type boolean, not type ${a.type.name}`);
  if (op === 'NOT_EXPR') return predicate(`NOT (${asCondition(args[0]!)})`);
  return predicate(`(${args.map(asCondition).join(op === 'AND_EXPR' ? ' AND ' : ' OR ')})`);
}

function booleanTest(ctx: TsqlContext, n: AstObject, scope: Scope): TExpr {
  const a = coerce(ctx, compileExpr(ctx, n['arg'], scope), T('bool'));
  const v = asValue(a);
  switch (str(n['booltesttype'])) {
    case 'IS_TRUE':
      return predicate(`${v} = 1`);
    case 'IS_NOT_TRUE':
      return predicate(`(${v} = 0 OR ${v} IS NULL)`);
    case 'IS_FALSE':
      return predicate(`${v} = 0`);
    case 'IS_NOT_FALSE':
      return predicate(`(${v} = 1 OR ${v} IS NULL)`);
    case 'IS_UNKNOWN':
      return predicate(`${v} IS NULL`);
    default:
      return predicate(`${v} IS NOT NULL`);
  }
}

function caseExpr(ctx: TsqlContext, n: AstObject, scope: Scope): TExpr {
  const subject = n['arg'] ? compileExpr(ctx, n['arg'], scope) : null;
  const whens = arr(n['args']).map((w) => bodyOf(w, 'CaseWhen')!);
  const results = whens.map((w) => compileExpr(ctx, w['result'], scope));
  const otherwise = n['defresult'] ? compileExpr(ctx, n['defresult'], scope) : null;
  const branches = [...results, ...(otherwise ? [otherwise] : [])].map((r) => r.type);
  // Branches of one type but different typmods give the type without a typmod, as Postgres resolves them.
  const common = commonType(branches);
  const type = branches.every((b) => b.typmod === common.typmod) ? common : (pgType(common.name) ?? common);
  const parts = whens.map((w, i) => {
    const cond = compileExpr(ctx, w['expr'], scope);
    const test = subject ? asCondition(binaryEquals(ctx, subject, cond)) : asCondition(coerce(ctx, cond, T('bool')));
    return `WHEN ${test} THEN ${asValue(coerce(ctx, results[i]!, type))}`;
  });
  const tail = otherwise ? ` ELSE ${asValue(coerce(ctx, otherwise, type))}` : '';
  return texpr(`CASE ${parts.join(' ')}${tail} END`, type, 'case');
}

function binaryEquals(ctx: TsqlContext, a: TExpr, b: TExpr): TExpr {
  const [x, y] = unify(ctx, a, b);
  return predicate(`${asValue(x)} = ${asValue(y)}`);
}

/** GREATEST/LEAST ignore NULLs in Postgres: a CASE chain does the same on SQL Server 2019 (no GREATEST before 2022; a VALUES subquery cannot sit inside an aggregate). */
function minMax(ctx: TsqlContext, n: AstObject, scope: Scope): TExpr {
  const args = arr(n['args']).map((a) => compileExpr(ctx, a, scope));
  const type = commonType(args.map((a) => a.type));
  const greatest = str(n['op']) === 'IS_GREATEST';
  const values = args.map((a) => asValue(coerce(ctx, a, type)));
  const pick = (a: string, b: string): string => `(CASE WHEN ${a} IS NULL THEN ${b} WHEN ${b} IS NULL THEN ${a} WHEN ${a} ${greatest ? '>=' : '<='} ${b} THEN ${a} ELSE ${b} END)`;
  return texpr(values.slice(1).reduce(pick, values[0]!), type, greatest ? 'greatest' : 'least');
}

function subLink(ctx: TsqlContext, n: AstObject, scope: Scope): TExpr {
  const kind = str(n['subLinkType']);
  switch (kind) {
    case 'EXISTS_SUBLINK': {
      const q = compileSubquery(ctx, n['subselect'], scope);
      return predicate(`EXISTS (${q.sql})`, 'exists');
    }
    case 'EXPR_SUBLINK': {
      const q = compileSubquery(ctx, n['subselect'], scope);
      if (q.columns.length !== 1) throw new CompileError('42601', 'subquery must return only one column');
      return texpr(`(${q.sql})`, q.columns[0]!.type, q.columns[0]!.name === NO_NAME ? NO_NAME : q.columns[0]!.name);
    }
    case 'ANY_SUBLINK':
    case 'ALL_SUBLINK': {
      const left = compileExpr(ctx, n['testexpr'], scope);
      const q = compileSubquery(ctx, n['subselect'], scope);
      if (q.columns.length !== 1) throw unsupported('row comparisons with a subquery');
      const op = stringList(n['operName']).pop() ?? '=';
      const l = coerce(ctx, left, q.columns[0]!.type);
      if (kind === 'ANY_SUBLINK' && op === '=') return predicate(`${asValue(l)} IN (${q.sql})`);
      return predicate(`${asValue(l)} ${op === '!=' ? '<>' : op} ${kind === 'ANY_SUBLINK' ? 'ANY' : 'ALL'} (${q.sql})`);
    }
    default:
      throw unsupported(kind === 'ARRAY_SUBLINK' ? 'ARRAY(subquery)' : `subquery kind ${kind}`);
  }
}

function sqlValueFunction(n: AstObject): TExpr {
  switch (str(n['op'])) {
    case 'SVFOP_CURRENT_TIMESTAMP':
      return texpr('SYSDATETIMEOFFSET()', T('timestamptz'), 'current_timestamp', { notNull: true });
    case 'SVFOP_LOCALTIMESTAMP':
      return texpr('SYSUTCDATETIME()', T('timestamp'), 'localtimestamp', { notNull: true });
    case 'SVFOP_CURRENT_DATE':
      return texpr('CAST(SYSUTCDATETIME() AS date)', T('date'), 'current_date', { notNull: true });
    case 'SVFOP_LOCALTIME':
      return texpr('CAST(SYSUTCDATETIME() AS time(6))', T('time'), 'localtime', { notNull: true });
    case 'SVFOP_CURRENT_TIME':
      throw unsupported('current_time (time with time zone)');
    default:
      throw unsupported(`${str(n['op'])?.replace('SVFOP_', '').toLowerCase()} outside catalog queries`);
  }
}
