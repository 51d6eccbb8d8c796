// Expressions: each parse-tree node becomes SQLite text with its Postgres type. Anything not handled here
// is refused by name (0A000).
import { unwrap, type AstObject } from '../../parser/node-walker.js';
import { arr, bodyOf, obj, str, stringList } from '../../tenant/ast-nodes.js';
import type { CompileContext } from './compile-context.js';
import { coerce, commonType } from './coercion.js';
import { CompileError, unsupported } from './compile-error.js';
import { expr, NO_NAME, type Expr } from './expr.js';
import { binaryOperator, comparable, compareSql, distinctness, isOpen, like, orderedAsText, unaryMinus } from './operators.js';
import { arrayLowerBound, arrayOf, displayType, T } from '../common/pg-types.js';
import { isRegType } from './reg-casts.js';
import type { Scope } from '../common/scope.js';
import { compileSubquery } from './select-compiler.js';
import { call, ident, literal } from './sql-text.js';
import { resolveTypeName } from '../common/type-names.js';
import { compileFunctionCall } from './function-call.js';
import { normalizeNumeric } from '../common/numeric-literal.js';

export function compileExpr(ctx: CompileContext, node: unknown, scope: Scope): Expr {
  const w = unwrap(node);
  if (!w) throw unsupported('an empty expression');
  const n = w.node;
  switch (w.type) {
    case 'A_Const':
      return constant(n);
    case 'ParamRef': {
      const number = n['number'] as number;
      const known = ctx.paramType(number);
      const sql = `?${number}`;
      return known ? expr(sql, known) : { sql, type: T('unknown'), name: NO_NAME, param: number };
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
      return expr(`(${a.sql} ${n['nulltesttype'] === 'IS_NOT_NULL' ? 'IS NOT NULL' : 'IS NULL'})`, T('bool'));
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
      return expr(call('coalesce', ...args.map((a) => coerce(ctx, a, type).sql)), type, 'coalesce');
    }
    case 'MinMaxExpr':
      return minMax(ctx, n, scope);
    case 'SubLink':
      return subLink(ctx, n, scope);
    case 'SQLValueFunction':
      return sqlValueFunction(n);
    case 'CollateClause': {
      const coll = stringList(n['collname']).join('.');
      if (!['C', 'default', 'pg_catalog.default', 'POSIX', 'pg_catalog.C'].includes(coll)) throw unsupported(`COLLATE "${coll}"`);
      return compileExpr(ctx, n['arg'], scope);
    }
    case 'A_ArrayExpr': {
      const elems = arr(n['elements']).map((e) => compileExpr(ctx, e, scope));
      const type = commonType(elems.map((e) => e.type));
      return expr(call('pgf_array_literal', literal(type.name), ...elems.map((e) => coerce(ctx, e, type).sql)), arrayOf(type), 'array');
    }
    case 'A_Indirection':
      return indirection(ctx, n, scope);
    case 'RowExpr':
      throw unsupported('row constructors');
    default:
      throw unsupported(`expression ${w.type}`);
  }
}

function constant(n: AstObject): Expr {
  if (n['isnull']) return { sql: 'NULL', type: T('unknown'), name: NO_NAME, isNull: true };
  const ival = obj(n['ival']);
  if (ival) {
    const v = typeof ival['ival'] === 'number' ? ival['ival'] : 0;
    return { ...expr(String(v), T('int4')), intValue: v };
  }
  const fval = obj(n['fval']);
  if (fval) {
    const text = str(fval['fval']) ?? '0';
    // An integer too big for int4 is int8; anything with a point or exponent is numeric.
    if (/^-?\d+$/.test(text)) return expr(BigInt(text) <= 9223372036854775807n ? text : literal(text), BigInt(text) <= 9223372036854775807n ? T('int8') : T('numeric'));
    return expr(literal(normalizeNumeric(text)), T('numeric'));
  }
  const sval = obj(n['sval']);
  if (sval) {
    const text = str(sval['sval']) ?? '';
    return { sql: literal(text), type: T('unknown'), name: NO_NAME, unknownText: text };
  }
  const bool = obj(n['boolval']);
  if (bool) return expr(bool['boolval'] === true ? '1' : '0', T('bool'), 'bool');
  const bs = obj(n['bsval']);
  if (bs) throw unsupported('bit-string constants');
  throw unsupported('this constant');
}

function columnRef(n: AstObject, scope: Scope): Expr {
  const fields = arr(n['fields']);
  if (fields.some((f) => bodyOf(f, 'A_Star'))) throw unsupported('* in this position');
  const names = stringList(fields);
  if (names.length === 1) {
    const c = scope.resolve(null, names[0]!);
    return expr(c.sql, c.type, c.name);
  }
  if (names.length === 2) {
    const c = scope.resolve(names[0]!, names[1]!);
    return expr(c.sql, c.type, c.name);
  }
  if (names.length === 3 && (names[0] === 'public' || names[0] === 'main')) {
    const c = scope.resolve(names[1]!, names[2]!);
    return expr(c.sql, c.type, c.name);
  }
  throw unsupported(`the column reference ${names.join('.')}`);
}

function typeCast(ctx: CompileContext, n: AstObject, scope: Scope): Expr {
  const { type } = resolveTypeName(n['typeName']);
  const inner = compileExpr(ctx, n['arg'], scope);
  const out = coerce(ctx, inner, type, 'explicit');
  // Postgres names a cast column after what is cast, or after the type when that has no name.
  const typeName = stringList(obj(n['typeName'])?.['names']).at(-1) ?? type.name;
  return { ...out, name: inner.name !== NO_NAME ? inner.name : typeName, intValue: inner.intValue };
}

function aExpr(ctx: CompileContext, n: AstObject, scope: Scope): Expr {
  const kind = str(n['kind']);
  const op = stringList(n['name']).at(-1) ?? '';
  switch (kind) {
    case 'AEXPR_OP': {
      if (n['lexpr'] === undefined) {
        const operand = compileExpr(ctx, n['rexpr'], scope);
        if (op === '-') return unaryMinus(ctx, operand);
        // Postgres names +x ?column? (an operator expression), not after x.
        if (op === '+') return { ...operand, name: NO_NAME };
        throw unsupported(`prefix operator ${op}`);
      }
      return binaryOperator(ctx, op, compileExpr(ctx, n['lexpr'], scope), compileExpr(ctx, n['rexpr'], scope));
    }
    case 'AEXPR_DISTINCT':
    case 'AEXPR_NOT_DISTINCT': {
      return distinctness(ctx, compileExpr(ctx, n['lexpr'], scope), compileExpr(ctx, n['rexpr'], scope), kind === 'AEXPR_DISTINCT');
    }
    case 'AEXPR_NULLIF': {
      const l = compileExpr(ctx, n['lexpr'], scope);
      const r = compileExpr(ctx, n['rexpr'], scope);
      const type = commonType([l.type, r.type]);
      const lc = coerce(ctx, l, type);
      const rc = coerce(ctx, r, type);
      return expr(`(CASE WHEN ${compareSql(lc.sql, '=', rc.sql, type)} THEN NULL ELSE ${lc.sql} END)`, type, 'nullif');
    }
    case 'AEXPR_IN': {
      const left = compileExpr(ctx, n['lexpr'], scope);
      const items = listItems(n['rexpr']).map((i) => compileExpr(ctx, i, scope));
      const type = commonType([left.type, ...items.map((i) => i.type)]);
      if (type.category === 'numeric') {
        // Exactly, item by item: x IN (a, b) is x = a OR x = b, NULLs included.
        const l = coerce(ctx, left, type).sql;
        const any = `(${items.map((i) => compareSql(l, '=', coerce(ctx, i, type).sql, type)).join(' OR ')})`;
        return expr(op === '<>' ? `(NOT ${any})` : any, T('bool'));
      }
      const l = comparable(coerce(ctx, left, type).sql, type);
      const list = items.map((i) => comparable(coerce(ctx, i, type).sql, type)).join(', ');
      return expr(`(${l} ${op === '<>' ? 'NOT IN' : 'IN'} (${list}))`, T('bool'));
    }
    case 'AEXPR_LIKE':
    case 'AEXPR_ILIKE': {
      const { pattern, escape } = likePattern(ctx, n['rexpr'], scope);
      return like(ctx, compileExpr(ctx, n['lexpr'], scope), pattern, escape, kind === 'AEXPR_ILIKE', op.startsWith('!'));
    }
    case 'AEXPR_BETWEEN':
    case 'AEXPR_NOT_BETWEEN': {
      const [lo, hi] = listItems(n['rexpr']).map((i) => compileExpr(ctx, i, scope)) as [Expr, Expr];
      const v = compileExpr(ctx, n['lexpr'], scope);
      const ge = binaryOperator(ctx, '>=', v, lo);
      const le = binaryOperator(ctx, '<=', v, hi);
      const both = `(${ge.sql} AND ${le.sql})`;
      return expr(kind === 'AEXPR_NOT_BETWEEN' ? `(NOT ${both})` : both, T('bool'));
    }
    case 'AEXPR_OP_ANY':
    case 'AEXPR_OP_ALL': {
      const left = compileExpr(ctx, n['lexpr'], scope);
      const right = compileExpr(ctx, n['rexpr'], scope);
      if (op !== '=' || kind !== 'AEXPR_OP_ANY') throw unsupported(`${op} ${kind === 'AEXPR_OP_ALL' ? 'ALL' : 'ANY'} (array)`);
      const arrayType = right.type.category === 'array' ? right.type : arrayOf(isOpen(ctx, left) ? T('text') : left.type);
      const a = coerce(ctx, right, arrayType);
      const l = coerce(ctx, left, arrayType.elem ?? T('text'));
      // reg* elements are kept as OIDs: compare the OID, not the name the cast to text prints.
      return expr(call('pgf_any_eq', isRegType(l.type) ? `CAST(${l.sql} AS TEXT)` : coerce(ctx, l, T('text'), 'explicit').sql, a.sql), T('bool'));
    }
    default:
      throw unsupported(`the operator form ${kind ?? '?'}`);
  }
}

/** IN and BETWEEN keep their right-hand items in a List node. */
function listItems(value: unknown): unknown[] {
  return Array.isArray(value) ? value : arr(bodyOf(value, 'List')?.['items']);
}

function likePattern(ctx: CompileContext, node: unknown, scope: Scope): { pattern: Expr; escape: Expr | null } {
  // `x LIKE p ESCAPE e` arrives as rexpr = like_escape(p, e).
  const f = bodyOf(node, 'FuncCall');
  if (f && stringList(f['funcname']).at(-1) === 'like_escape') {
    const [p, e] = arr(f['args']).map((a) => compileExpr(ctx, a, scope)) as [Expr, Expr];
    return { pattern: p, escape: e };
  }
  return { pattern: compileExpr(ctx, node, scope), escape: null };
}

function boolExpr(ctx: CompileContext, n: AstObject, scope: Scope): Expr {
  const args = arr(n['args']).map((a) => coerce(ctx, compileExpr(ctx, a, scope), T('bool')));
  switch (n['boolop']) {
    case 'AND_EXPR':
      return expr(`(${args.map((a) => a.sql).join(' AND ')})`, T('bool'));
    case 'OR_EXPR':
      return expr(`(${args.map((a) => a.sql).join(' OR ')})`, T('bool'));
    default:
      return expr(`(NOT ${args[0]!.sql})`, T('bool'));
  }
}

function booleanTest(ctx: CompileContext, n: AstObject, scope: Scope): Expr {
  const a = coerce(ctx, compileExpr(ctx, n['arg'], scope), T('bool')).sql;
  const tests: Record<string, string> = {
    IS_TRUE: `(${a} IS 1)`, IS_NOT_TRUE: `(${a} IS NOT 1)`, IS_FALSE: `(${a} IS 0)`, IS_NOT_FALSE: `(${a} IS NOT 0)`,
    IS_UNKNOWN: `(${a} IS NULL)`, IS_NOT_UNKNOWN: `(${a} IS NOT NULL)`,
  };
  return expr(tests[str(n['booltesttype']) ?? ''] ?? `(${a} IS 1)`, T('bool'));
}

function caseExpr(ctx: CompileContext, n: AstObject, scope: Scope): Expr {
  const subject = n['arg'] === undefined ? null : compileExpr(ctx, n['arg'], scope);
  const whens = arr(n['args']).map((w) => bodyOf(w, 'CaseWhen')!);
  const results = whens.map((w) => compileExpr(ctx, w['result'], scope));
  const otherwise = n['defresult'] === undefined ? null : compileExpr(ctx, n['defresult'], scope);
  const type = commonType([...results, ...(otherwise ? [otherwise] : [])].map((r) => r.type));
  const parts = whens.map((w, i) => {
    const cond = subject ? binaryOperator(ctx, '=', subject, compileExpr(ctx, w['expr'], scope)) : coerce(ctx, compileExpr(ctx, w['expr'], scope), T('bool'));
    return `WHEN ${cond.sql} THEN ${coerce(ctx, results[i]!, type).sql}`;
  });
  const tail = otherwise ? ` ELSE ${coerce(ctx, otherwise, type).sql}` : '';
  return expr(`(CASE ${parts.join(' ')}${tail} END)`, type, otherwise && strongName(n['defresult']) ? otherwise.name : 'case');
}

/** Expressions Postgres names strongly (FigureColname strength 2): a CASE takes its ELSE's name only from these, casts looked through. */
const STRONG_NAMED = new Set(['ColumnRef', 'FuncCall', 'CoalesceExpr', 'MinMaxExpr', 'SQLValueFunction', 'NullIfExpr', 'SubLink', 'A_ArrayExpr', 'RowExpr', 'A_Indirection']);

function strongName(node: unknown): boolean {
  let u = unwrap(node);
  while (u?.type === 'TypeCast') u = unwrap(u.node['arg']);
  return u !== null && STRONG_NAMED.has(u.type);
}

function minMax(ctx: CompileContext, n: AstObject, scope: Scope): Expr {
  const args = arr(n['args']).map((a) => compileExpr(ctx, a, scope));
  const type = commonType(args.map((a) => a.type));
  const greatest = n['op'] === 'IS_GREATEST';
  const typed = args.map((a) => coerce(ctx, a, type).sql);
  // Postgres ignores NULL arguments; SQLite's multi-argument max() returns NULL if any is NULL. Each rotation's
  // coalesce() is its first non-NULL value, and every non-NULL value leads one rotation.
  const rotations = typed.map((_, i) => call('coalesce', ...typed.slice(i), ...typed.slice(0, i)));
  if (type.category === 'numeric' || type.category === 'interval') {
    // pick the rotation whose value is the max/min
    const cmp = greatest ? '>=' : '<=';
    const cases = rotations.map((r, i) => `WHEN ${rotations.filter((_, j) => j !== i).map((k) => compareSql(r, cmp, k, type)).join(' AND ') || '1'} THEN ${r}`);
    return expr(`(CASE ${cases.join(' ')} END)`, type, greatest ? 'greatest' : 'least');
  }
  const sql = rotations.length === 1 ? rotations[0]! : call(greatest ? 'max' : 'min', ...rotations);
  return expr(sql, type, greatest ? 'greatest' : 'least');
}

function subLink(ctx: CompileContext, n: AstObject, scope: Scope): Expr {
  const kind = str(n['subLinkType']);
  const sub = compileSubquery(ctx, n['subselect'], scope);
  switch (kind) {
    case 'EXISTS_SUBLINK':
      return expr(`EXISTS (${sub.sql})`, T('bool'), 'exists');
    case 'EXPR_SUBLINK': {
      if (sub.columns.length !== 1) throw new CompileError('42601', 'subquery must return only one column');
      // SQLite takes a scalar subquery's first row; Postgres fails when there is a second (21000).
      const col = ident(sub.columns[0]!.name);
      return expr(`(SELECT pgf_scalar_subquery(${col}) FROM (SELECT * FROM (${sub.sql}) LIMIT 2))`, sub.columns[0]!.type, sub.columns[0]!.name);
    }
    case 'ANY_SUBLINK': {
      const op = stringList(n['operName']).at(-1) ?? '=';
      if (op !== '=') throw unsupported(`${op} ANY (subquery)`);
      const left = compileExpr(ctx, n['testexpr'], scope);
      if (sub.columns.length !== 1) throw unsupported('a row comparison with IN (subquery)');
      const type = commonType([left.type, sub.columns[0]!.type]);
      if (type.category === 'numeric' || type.category === 'interval') throw unsupported(`IN (subquery) over ${displayType(type)}`);
      return expr(`(${coerce(ctx, left, type).sql} IN (${sub.sql}))`, T('bool'));
    }
    case 'ARRAY_SUBLINK': {
      const col = sub.columns[0]!;
      // SQLite has no column alias list on a subquery: read the column by the name the subquery gives it.
      // ARRAY(subquery) over no rows is an empty array, not NULL.
      return expr(`coalesce((SELECT pgf_array_agg(${ident(col.name)}, ${literal(col.type.name)}) FROM (${sub.sql})), '{}')`, arrayOf(col.type), 'array');
    }
    default:
      throw unsupported(`${(kind ?? '').replace('_SUBLINK', '')} (subquery)`);
  }
}

function sqlValueFunction(n: AstObject): Expr {
  switch (n['op']) {
    case 'SVFOP_CURRENT_DATE':
      return expr('substr(pgf_now(), 1, 10)', T('date'), 'current_date');
    case 'SVFOP_CURRENT_TIMESTAMP':
    case 'SVFOP_CURRENT_TIMESTAMP_N':
      return expr('pgf_now()', T('timestamptz'), 'current_timestamp');
    case 'SVFOP_LOCALTIMESTAMP':
    case 'SVFOP_LOCALTIMESTAMP_N':
      return expr('substr(pgf_now(), 1, length(pgf_now()) - 3)', T('timestamp'), 'localtimestamp');
    case 'SVFOP_CURRENT_USER':
    case 'SVFOP_CURRENT_ROLE':
    case 'SVFOP_USER':
      return expr(`pgf_setting('session_authorization')`, T('name'), 'current_user');
    case 'SVFOP_SESSION_USER':
      return expr(`pgf_setting('session_authorization')`, T('name'), 'session_user');
    case 'SVFOP_CURRENT_SCHEMA':
      return expr(`'public'`, T('name'), 'current_schema');
    case 'SVFOP_CURRENT_CATALOG':
      return expr(`pgf_setting('pgfabric.database')`, T('name'), 'current_catalog');
    default:
      throw unsupported(`${String(n['op']).replace('SVFOP_', '').toLowerCase()}`);
  }
}

function indirection(ctx: CompileContext, n: AstObject, scope: Scope): Expr {
  let base = compileExpr(ctx, n['arg'], scope);
  for (const step of arr(n['indirection'])) {
    const idx = bodyOf(step, 'A_Indices');
    if (!idx || idx['is_slice'] || base.type.category !== 'array') throw unsupported('this subscript or field selection');
    const i = coerce(ctx, compileExpr(ctx, idx['uidx'], scope), T('int4'));
    // Storage subscripts from 1; int2vector/oidvector count from 0.
    const position = arrayLowerBound(base.type) === 0 ? `(${i.sql} + 1)` : i.sql;
    base = expr(call('pgf_array_get', base.sql, position, literal(base.type.elem!.name)), base.type.elem!, base.name);
  }
  return base;
}

/** ORDER BY items: Postgres's default NULL placement made explicit, numerics ordered by value. */
export function compileSortList(ctx: CompileContext, items: unknown[], scope: Scope, resolveOutput?: (node: unknown) => Expr | null): string {
  return items
    .map((item) => {
      const s = bodyOf(item, 'SortBy');
      if (!s) throw unsupported('this ORDER BY item');
      if (s['sortby_dir'] === 'SORTBY_USING') throw unsupported('ORDER BY … USING');
      const e = resolveOutput?.(s['node']) ?? compileExpr(ctx, s['node'], scope);
      const typed = isOpen(ctx, e) ? coerce(ctx, e, T('text')) : e;
      if (orderedAsText(typed.type)) throw unsupported(`ORDER BY over ${displayType(typed.type)}`);
      const desc = s['sortby_dir'] === 'SORTBY_DESC';
      const nulls = s['sortby_nulls'] === 'SORTBY_NULLS_FIRST' ? 'FIRST' : s['sortby_nulls'] === 'SORTBY_NULLS_LAST' ? 'LAST' : desc ? 'FIRST' : 'LAST';
      return `${comparable(typed.sql, typed.type)}${desc ? ' DESC' : ''} NULLS ${nulls}`;
    })
    .join(', ');
}
