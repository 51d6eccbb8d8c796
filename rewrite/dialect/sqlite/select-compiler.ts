// SELECT: WITH, FROM, targets (with * expanded), WHERE, GROUP BY, HAVING, WINDOW, DISTINCT [ON], set
// operations, ORDER BY, LIMIT/OFFSET. Returns the SQLite text and the output columns with their types.
import type { AstObject } from '../../parser/node-walker.js';
import { arr, bodyOf, obj, str, stringList } from '../../tenant/ast-nodes.js';
import type { CompileContext } from './compile-context.js';
import { coerce, commonType } from './coercion.js';
import { CompileError, unsupported } from './compile-error.js';
import { compileExpr, compileSortList } from './expr-compiler.js';
import { type Expr } from './expr.js';
import { compileFromItem } from './from-compiler.js';
import { comparable, equalityKey, isOpen } from './operators.js';
import { T } from '../common/pg-types.js';
import { columnSql, Scope, type RelationShape, type ShapeColumn } from '../common/scope.js';
import { ident, literal } from './sql-text.js';
import { windowClause } from './window-compiler.js';

export type CompiledQuery = { sql: string; columns: ShapeColumn[] };

/** A SelectStmt wrapped ({ SelectStmt: … }) or bare, as a subquery of `outer`. */
export function compileSubquery(ctx: CompileContext, node: unknown, outer: Scope | null): CompiledQuery {
  const select = bodyOf(node, 'SelectStmt');
  if (!select) throw unsupported('a data-modifying statement in a subquery');
  return compileSelect(ctx, select, outer);
}

/** keepUnknown: a set operation's branch leaves untyped literals for the operation to resolve (Postgres does). */
export function compileSelect(ctx: CompileContext, n: AstObject, outer: Scope | null, keepUnknown = false): CompiledQuery {
  const withClause = obj(n['withClause']);
  const withSql = withClause ? compileWithClause(ctx, withClause, outer) : '';
  try {
    const body = compileSelectBody(ctx, n, outer, keepUnknown);
    return { sql: withSql + body.sql, columns: body.columns };
  } finally {
    if (withClause) ctx.ctes.shift();
  }
}

export function compileWithClause(ctx: CompileContext, w: AstObject, outer: Scope | null): string {
  const level = new Map<string, RelationShape>();
  ctx.ctes.unshift(level);
  const recursive = w['recursive'] === true;
  const parts = arr(w['ctes']).map((c) => {
    const cte = bodyOf(c, 'CommonTableExpr')!;
    const name = str(cte['ctename']) ?? '';
    const query = bodyOf(cte['ctequery'], 'SelectStmt');
    if (!query) throw unsupported('a data-modifying statement in WITH');
    const aliases = stringList(cte['aliascolnames']);
    if (recursive && query['op'] === 'SETOP_UNION') {
      // The non-recursive branch fixes the columns' names and types before the recursive one can refer to them.
      const seed = compileSelect(ctx, obj(query['larg'])!, outer);
      level.set(name, { columns: rename(seed.columns, aliases) });
    }
    const compiled = compileSelect(ctx, query, outer);
    const columns = rename(compiled.columns, aliases);
    level.set(name, { columns });
    const materialized = cte['ctematerialized'] === 'CTEMaterializeAlways' ? 'MATERIALIZED ' : cte['ctematerialized'] === 'CTEMaterializeNever' ? 'NOT MATERIALIZED ' : '';
    return `${ident(name)}(${columns.map((c) => ident(c.name)).join(', ')}) AS ${materialized}(${compiled.sql})`;
  });
  return `WITH ${recursive ? 'RECURSIVE ' : ''}${parts.join(', ')} `;
}

function rename(columns: ShapeColumn[], names: string[]): ShapeColumn[] {
  return columns.map((c, i) => ({ name: names[i] ?? c.name, type: c.type }));
}

function compileSelectBody(ctx: CompileContext, n: AstObject, outer: Scope | null, keepUnknown: boolean): CompiledQuery {
  const op = str(n['op']) ?? 'SETOP_NONE';
  if (op !== 'SETOP_NONE') return compileSetOperation(ctx, n, outer);
  if (arr(n['valuesLists']).length > 0) return compileValues(ctx, n, outer);
  return compileSimpleSelect(ctx, n, outer, keepUnknown);
}

function compileSimpleSelect(ctx: CompileContext, n: AstObject, outer: Scope | null, keepUnknown: boolean): CompiledQuery {
  if (n['intoClause']) throw unsupported('SELECT INTO');
  const scope = new Scope(outer);
  const from = arr(n['fromClause']).map((f) => compileFromItem(ctx, f, scope));
  const unnests = selectListUnnests(ctx, n, scope);
  if (unnests) from.push(unnests.from);
  const targets = compileTargets(ctx, arr(n['targetList']), scope, keepUnknown && arr(n['sortClause']).length === 0, unnests?.values);
  scope.outputs = targets.map((t) => ({ name: t.name, type: t.type, sql: t.sql }));
  const parts: string[] = [];
  const where = n['whereClause'] === undefined ? '' : ` WHERE ${coerce(ctx, compileExpr(ctx, n['whereClause'], scope), T('bool')).sql}`;
  const groupBy = compileGroupBy(ctx, arr(n['groupClause']), scope, targets);
  const having = n['havingClause'] === undefined ? '' : ` HAVING ${coerce(ctx, compileExpr(ctx, n['havingClause'], scope), T('bool')).sql}`;
  const windows = arr(n['windowClause']).length ? ` WINDOW ${windowClause(ctx, arr(n['windowClause']), scope)}` : '';
  const distinct = arr(n['distinctClause']);
  const distinctOn = distinct.length > 0 && Object.keys(obj(distinct[0]) ?? {}).length > 0;
  const fromSql = from.length ? ` FROM ${from.join(', ')}` : '';
  const orderItems = arr(n['sortClause']);
  const limit = compileLimit(ctx, n, scope);
  const columns = targets.map((t) => ({ name: t.name, type: t.type }));
  if (distinctOn) {
    // DISTINCT ON: the first row of each group in ORDER BY order, via row_number() over the same order.
    const onList = distinct.map((d) => orderTermFor(ctx, d, scope, targets).sql).join(', ');
    const inner = targets.map((t, i) => `${t.sql} AS ${ident('pgf_c' + i)}`);
    const orderInner = orderItems.length ? compileSortList(ctx, orderItems, scope, (node) => outputExpr(ctx, node, targets)) : '';
    const rn = `row_number() OVER (PARTITION BY ${onList}${orderInner ? ' ORDER BY ' + orderInner : ''}) AS "pgf_rn"`;
    // The outer query orders by these keys: the value that sorts as Postgres sorts it (numerics by value, not as text).
    const orderCols = orderItems.map((item, i) => {
      const e = orderTermFor(ctx, bodyOf(item, 'SortBy')!['node'], scope, targets);
      return `${comparable(e.sql, e.type)} AS ${ident('pgf_o' + i)}`;
    });
    parts.push(`SELECT ${[...inner, ...orderCols, rn].join(', ')}${fromSql}${where}${groupBy}${having}${windows}`);
    const outerOrder = orderItems.length ? ' ORDER BY ' + orderItems.map((item, i) => {
      const s = bodyOf(item, 'SortBy')!;
      const desc = s['sortby_dir'] === 'SORTBY_DESC';
      const nulls = s['sortby_nulls'] === 'SORTBY_NULLS_FIRST' ? 'FIRST' : s['sortby_nulls'] === 'SORTBY_NULLS_LAST' ? 'LAST' : desc ? 'FIRST' : 'LAST';
      return `${ident('pgf_o' + i)}${desc ? ' DESC' : ''} NULLS ${nulls}`;
    }).join(', ') : '';
    const outerCols = targets.map((t, i) => `${ident('pgf_c' + i)} AS ${ident(t.name)}`).join(', ');
    return { sql: `SELECT ${outerCols} FROM (${parts[0]}) WHERE "pgf_rn" = 1${outerOrder}${limit}`, columns };
  }
  // DISTINCT compares stored texts: '1 day' and '24:00:00' are one interval to Postgres, two texts to SQLite.
  if (distinct.length && targets.some((t) => t.type.category === 'interval')) throw unsupported('SELECT DISTINCT over interval values');
  const select = `SELECT ${distinct.length ? 'DISTINCT ' : ''}${targets.map((t) => `${t.sql} AS ${ident(t.name)}`).join(', ') || 'NULL'}`;
  const order = orderItems.length ? ' ORDER BY ' + compileSortList(ctx, orderItems, scope, (node) => outputRef(ctx, node, targets)) : '';
  return { sql: `${select}${fromSql}${where}${groupBy}${having}${windows}${order}${limit}`, columns };
}

type Target = Expr;

/**
 * unnest() in a select list (one or two calls, at the top of their targets; TypeORM's foreign-key query has two)
 * is a set-returning function run once per input row, in lockstep: it becomes a table function in FROM, which
 * SQLite lets read the relations before it, and the targets read its columns.
 */
function selectListUnnests(ctx: CompileContext, n: AstObject, scope: Scope): { from: string; values: Map<unknown, Expr> } | null {
  const calls = arr(n['targetList']).map((t) => bodyOf(t, 'ResTarget')?.['val']).filter((v) => {
    const f = bodyOf(v, 'FuncCall');
    return f !== undefined && stringList(f['funcname']).at(-1)?.toLowerCase() === 'unnest' && arr(f['args']).length === 1 && !f['over'];
  });
  if (calls.length === 0) return null;
  if (calls.length > 2) throw unsupported('more than two unnest() calls in a select list');
  if (arr(n['groupClause']).length || n['havingClause'] !== undefined || arr(n['windowClause']).length) throw unsupported('unnest() in a select list with GROUP BY, HAVING or WINDOW');
  const arrays = calls.map((c) => {
    const a = compileExpr(ctx, arr(bodyOf(c, 'FuncCall')!['args'])[0], scope);
    if (a.type.category !== 'array' || !a.type.elem) throw unsupported('unnest() of a value that is not an array');
    return a;
  });
  const alias = ctx.freshAlias('srf');
  const fn = arrays.length === 1 ? 'pgf_unnest' : 'pgf_unnest2';
  const args = arrays.flatMap((a) => [a.sql, literal(a.type.elem!.name)]);
  const sqlColumns = arrays.length === 1 ? ['value'] : ['value1', 'value2'];
  const values = new Map<unknown, Expr>(calls.map((c, i) => [c, { sql: `${ident(alias)}.${ident(sqlColumns[i]!)}`, type: arrays[i]!.type.elem!, name: 'unnest' }]));
  return { from: `${fn}(${args.join(', ')}) AS ${ident(alias)}`, values };
}

function compileTargets(ctx: CompileContext, list: unknown[], scope: Scope, keepUnknown: boolean, unnested?: Map<unknown, Expr>): Target[] {
  const out: Target[] = [];
  for (const item of list) {
    const rt = bodyOf(item, 'ResTarget')!;
    const value = unnested?.get(rt['val']);
    if (value) {
      out.push({ ...value, name: str(rt['name']) ?? value.name });
      continue;
    }
    const ref = bodyOf(rt['val'], 'ColumnRef');
    const fields = arr(ref?.['fields']);
    if (ref && fields.length > 0 && bodyOf(fields[fields.length - 1], 'A_Star')) {
      out.push(...expandStar(stringList(fields), scope));
      continue;
    }
    let e = compileExpr(ctx, rt['val'], scope);
    // An untyped literal in a select list is text (Postgres 10+).
    if (isOpen(ctx, e) && !(keepUnknown && (e.unknownText !== undefined || e.isNull))) e = { ...coerce(ctx, e, T('text')), name: e.name };
    out.push({ ...e, name: str(rt['name']) ?? e.name });
  }
  return out;
}

function expandStar(qualifier: string[], scope: Scope): Target[] {
  const items = qualifier.length === 0 ? scope.items : [scope.item(qualifier.at(-1)!)];
  if (items.some((i) => i === undefined)) throw new CompileError('42P01', `missing FROM-clause entry for table "${qualifier.at(-1)}"`);
  if (qualifier.length === 0 && items.length === 0) throw new CompileError('42601', 'SELECT * with no tables specified is not valid');
  const out: { item: number; target: Target }[] = [];
  items.forEach((item, index) => {
    const using = qualifier.length === 0 ? item!.using : undefined;
    if (using) {
      // Postgres lists a USING join's merged columns first, then the left side's others, then the right's.
      const start = out.findIndex((e) => e.item >= using.leftStart);
      const merged = using.columns.flatMap((name) => {
        const k = out.findIndex((e) => e.item >= using.leftStart && e.target.name === name);
        return k < 0 ? [] : out.splice(k, 1);
      });
      out.splice(start < 0 ? out.length : start, 0, ...merged);
    }
    item!.columns.forEach((c, i) => {
      if (qualifier.length === 0 && item!.hidden?.has(c.name)) return;
      out.push({ item: index, target: { sql: columnSql(item!, i), type: c.type, name: c.name } });
    });
  });
  return out.map((e) => e.target);
}

/** ORDER BY / DISTINCT ON / GROUP BY term: an output column by name or position when it is one, else an expression. */
function orderTermFor(ctx: CompileContext, node: unknown, scope: Scope, targets: Target[]): Expr {
  return outputExpr(ctx, node, targets) ?? compileExpr(ctx, node, scope);
}

function outputIndex(node: unknown, targets: Target[]): number {
  const c = bodyOf(node, 'A_Const');
  const ival = obj(c?.['ival']);
  if (c && ival) {
    const pos = typeof ival['ival'] === 'number' ? ival['ival'] : 0;
    if (pos < 1 || pos > targets.length) throw new CompileError('42P10', `ORDER BY position ${pos} is not in select list`);
    return pos - 1;
  }
  const ref = bodyOf(node, 'ColumnRef');
  const names = stringList(ref?.['fields']);
  if (ref && names.length === 1) {
    const matches = targets.map((t, i) => (t.name === names[0] ? i : -1)).filter((i) => i >= 0);
    if (matches.length >= 1) return matches[0]!;
  }
  return -1;
}

/** The output column as an expression (its full SQL), for positions where an alias cannot be used. */
function outputExpr(_ctx: CompileContext, node: unknown, targets: Target[]): Expr | null {
  const i = outputIndex(node, targets);
  return i < 0 ? null : targets[i]!;
}

/** ORDER BY an output column: its whole expression (SQLite's alias lookup inside expressions is not Postgres's). */
function outputRef(ctx: CompileContext, node: unknown, targets: Target[]): Expr | null {
  return outputExpr(ctx, node, targets);
}

function compileGroupBy(ctx: CompileContext, items: unknown[], scope: Scope, targets: Target[]): string {
  if (items.length === 0) return '';
  const terms = items.map((item) => {
    if (bodyOf(item, 'GroupingSet')) throw unsupported('GROUPING SETS, ROLLUP and CUBE');
    // GROUP BY looks at input columns before output names (the reverse of ORDER BY).
    const ref = bodyOf(item, 'ColumnRef');
    if (ref) {
      try {
        return groupKey(compileExpr(ctx, item, scope));
      } catch (err) {
        const out = outputExpr(ctx, item, targets);
        if (out) return groupKey(out);
        throw err;
      }
    }
    return groupKey(outputExpr(ctx, item, targets) ?? compileExpr(ctx, item, scope));
  });
  return ` GROUP BY ${terms.join(', ')}`;
}

/** A GROUP BY key: numerics and intervals grouped by value (1.0 and 1.00, '1 day' and '24:00:00' are one group in Postgres). */
function groupKey(e: Expr): string {
  return equalityKey(e.sql, e.type);
}

function compileLimit(ctx: CompileContext, n: AstObject, scope: Scope): string {
  if (n['limitOption'] === 'LIMIT_OPTION_WITH_TIES') throw unsupported('FETCH … WITH TIES');
  const count = n['limitCount'];
  const offset = n['limitOffset'];
  if (count === undefined && offset === undefined) return '';
  // Postgres: NULL means no limit (no offset), a negative value is an error (SQLite reads it as none).
  const value = (node: unknown, which: 'LIMIT' | 'OFFSET'): string => {
    const e = compileExpr(ctx, node, scope);
    if (e.isNull) return which === 'LIMIT' ? '-1' : '0';
    const typed = coerce(ctx, e, T('int8'));
    if (e.intValue !== undefined) {
      if (e.intValue < 0) throw new CompileError(which === 'LIMIT' ? '2201W' : '2201X', `${which} must not be negative`);
      return typed.sql;
    }
    return `pgf_check_limit(${typed.sql}, '${which}')`;
  };
  const limitSql = count === undefined ? '-1' : value(count, 'LIMIT');
  return ` LIMIT ${limitSql}${offset === undefined ? '' : ` OFFSET ${value(offset, 'OFFSET')}`}`;
}

function compileValues(ctx: CompileContext, n: AstObject, outer: Scope | null): CompiledQuery {
  const scope = new Scope(outer);
  const rows = arr(n['valuesLists']).map((row) => arr(bodyOf(row, 'List')?.['items']).map((v) => compileExpr(ctx, v, scope)));
  const width = rows[0]?.length ?? 0;
  if (rows.some((r) => r.length !== width)) throw new CompileError('42601', 'VALUES lists must all be the same length');
  const types = Array.from({ length: width }, (_, i) => commonType(rows.map((r) => r[i]!.type)));
  const sqlRows = rows.map((r) => `(${r.map((v, i) => coerce(ctx, v, types[i]!).sql).join(', ')})`);
  const columns = types.map((type, i) => ({ name: `column${i + 1}`, type }));
  const order = arr(n['sortClause']);
  const limit = compileLimit(ctx, n, scope);
  const values = `VALUES ${sqlRows.join(', ')}`;
  if (order.length === 0 && limit === '') return { sql: values, columns };
  const targets = columns.map((c) => ({ sql: ident(c.name), type: c.type, name: c.name }));
  const orderSql = order.length ? ' ORDER BY ' + compileSortList(ctx, order, scope, (node) => outputRef(ctx, node, targets)) : '';
  return { sql: `SELECT * FROM (${values})${orderSql}${limit}`, columns };
}

function compileSetOperation(ctx: CompileContext, n: AstObject, outer: Scope | null): CompiledQuery {
  const op = str(n['op']);
  const all = n['all'] === true;
  const keyword = { SETOP_UNION: 'UNION', SETOP_INTERSECT: 'INTERSECT', SETOP_EXCEPT: 'EXCEPT' }[op ?? ''];
  if (!keyword) throw unsupported(`set operation ${op}`);
  if (all && keyword !== 'UNION') throw unsupported(`${keyword} ALL`);
  const left = compileMember(ctx, obj(n['larg'])!, outer, true);
  const right = compileMember(ctx, obj(n['rarg'])!, outer, false);
  if (left.columns.length !== right.columns.length) throw new CompileError('42601', `each ${keyword} query must have the same number of columns`);
  const types = left.columns.map((c, i) => commonType([c.type, right.columns[i]!.type]));
  const columns = left.columns.map((c, i) => ({ name: c.name, type: types[i]! }));
  // Numerics are stored as text: 2 and 2.00 only compare equal when both sides keep the same scale.
  if (!all) {
    types.forEach((t, i) => {
      const l = left.columns[i]!.type;
      const r = right.columns[i]!.type;
      if (t.category === 'numeric' && (l.name !== r.name || l.typmod !== r.typmod || l.typmod < 0)) throw unsupported(`${keyword} (without ALL) over numeric values of different or unconstrained scales`);
      // '1 day' and '24:00:00' are equal intervals with different texts.
      if (t.category === 'interval') throw unsupported(`${keyword} (without ALL) over interval values`);
    });
  }
  const sql = `${conform(ctx, left, types)} ${keyword}${all ? ' ALL' : ''} ${conform(ctx, right, types)}`;
  const order = arr(n['sortClause']);
  const scope = new Scope(outer);
  const limit = compileLimit(ctx, n, scope);
  if (order.length === 0 && limit === '') return { sql, columns };
  const targets = columns.map((c) => ({ sql: ident(c.name), type: c.type, name: c.name }));
  const orderSql = order.length ? ' ORDER BY ' + compileSortList(ctx, order, scope, (node) => outputRef(ctx, node, targets)) : '';
  // SQLite's compound ORDER BY takes only output columns: order the compound from outside.
  return { sql: `SELECT * FROM (${sql})${orderSql}${limit}`, columns };
}

type Member = CompiledQuery & { bare: boolean };

/** A branch of a set operation: bare when SQLite can chain it as is, else wrapped as a subquery. */
function compileMember(ctx: CompileContext, n: AstObject, outer: Scope | null, isLeft: boolean): Member {
  const q = compileSelect(ctx, n, outer, true);
  const hasOwnClauses = arr(n['sortClause']).length > 0 || n['limitCount'] !== undefined || n['limitOffset'] !== undefined || n['withClause'] !== undefined;
  const compound = (str(n['op']) ?? 'SETOP_NONE') !== 'SETOP_NONE';
  const bare = !hasOwnClauses && (!compound || isLeft) && arr(n['valuesLists']).length === 0;
  return { ...q, bare };
}

/** The member's SQL with its columns cast to the operation's common types. */
function conform(ctx: CompileContext, m: Member, types: readonly import('../common/pg-types.js').PgType[]): string {
  const needs = m.columns.some((c, i) => c.type.name !== types[i]!.name && !(c.type.category === 'unknown'));
  const unknown = m.columns.some((c) => c.type.category === 'unknown');
  if (!needs && !unknown && m.bare) return m.sql;
  if (!needs && !unknown) return `SELECT * FROM (${m.sql})`;
  const cols = m.columns.map((c, i) => `${coerce(ctx, { sql: ident(c.name), type: c.type, name: c.name }, types[i]!).sql} AS ${ident(c.name)}`);
  return `SELECT ${cols.join(', ')} FROM (${m.sql})`;
}
