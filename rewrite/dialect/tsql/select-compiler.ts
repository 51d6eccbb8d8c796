// SELECT in T-SQL: WITH (hoisted to the statement), set operations, VALUES, the select list (* expanded), WHERE,
// GROUP BY/HAVING, DISTINCT, ORDER BY with Postgres's NULL placement, LIMIT/OFFSET as TOP or OFFSET … FETCH,
// FOR UPDATE/SHARE as table hints. At the top of a statement ("present"), numeric columns are sent as text
// (CONVERT) so their digits arrive exact: the driver would read a decimal into a JS number.
import type { AstObject } from '../../parser/node-walker.js';
import { arr, bodyOf, obj, str, stringList } from '../../tenant/ast-nodes.js';
import { CompileError, unsupported } from '../common/compile-error.js';
import { displayType, T, type PgType } from '../common/pg-types.js';
import { columnSql, Scope } from '../common/scope.js';
import { coerce, commonType } from './coercion.js';
import type { TsqlContext } from './context.js';
import { compileExpr } from './expr-compiler.js';
import { compileFrom } from './from-compiler.js';
import { orderByList } from './order-by.js';
import { asCondition, asValue, texpr, type TExpr } from './texpr.js';
import { ident } from './tsql-text.js';
import { tsqlType } from './tsql-types.js';

export type QueryColumn = { readonly name: string; readonly type: PgType; readonly notNull?: boolean };
export type CompiledQuery = { readonly sql: string; readonly columns: readonly QueryColumn[] };
export type QueryOptions = {
  /** The statement's own result: numerics sent as text, unknown literals as text. */
  readonly present: boolean;
  /** Inside a subquery or derived table: an ORDER BY without TOP/OFFSET is dropped (T-SQL refuses it there). */
  readonly nested: boolean;
  /** Each output column cast to exactly this type's T-SQL type (the members of a recursive WITH query). */
  readonly castTo?: readonly PgType[];
};

export function compileSubquery(ctx: TsqlContext, node: unknown, scope: Scope): CompiledQuery {
  return compileQuery(ctx, bodyOf(node, 'SelectStmt') ?? {}, scope, { present: false, nested: true });
}

export function compileQuery(ctx: TsqlContext, n: AstObject, parent: Scope | null, options: QueryOptions): CompiledQuery {
  const withClause = obj(n['withClause']);
  if (withClause) compileWith(ctx, withClause, parent);
  try {
    if (str(n['op']) && str(n['op']) !== 'SETOP_NONE') return finish(ctx, n, setOperation(ctx, n, parent), parent, options);
    if (arr(n['valuesLists']).length) return finish(ctx, n, values(ctx, n, parent), parent, options);
    return plainSelect(ctx, n, parent, options);
  } finally {
    if (withClause) ctx.ctes.shift();
  }
}

export function compileWith(ctx: TsqlContext, w: AstObject, parent: Scope | null): void {
  const level = new Map<string, { columns: QueryColumn[] }>();
  ctx.ctes.unshift(level);
  for (const c of arr(w['ctes'])) {
    const cte = bodyOf(c, 'CommonTableExpr')!;
    const name = str(cte['ctename']) ?? '';
    if (ctx.cteDefinitions.some((d) => d.startsWith(`${cteName(name)} `))) throw unsupported(`two WITH queries named "${name}" in one statement`);
    const query = bodyOf(cte['ctequery'], 'SelectStmt');
    if (!query) throw unsupported('data-modifying statements in WITH');
    const renamed = stringList(cte['aliascolnames']);
    if (w['recursive'] === true && str(query['op']) === 'SETOP_UNION') {
      ctx.recursive = true;
      if (query['all'] !== true) throw unsupported('WITH RECURSIVE … UNION (without ALL)');
      // The recursive member refers to the CTE itself: its shape comes from the non-recursive member.
      const anchor = compileQuery(ctx, obj(query['larg']) ?? {}, parent, { present: false, nested: true });
      level.set(name, { columns: anchor.columns.map((col, i) => ({ ...col, name: renamed[i] ?? col.name })) });
    }
    const recursive = level.has(name);
    // SQL Server wants the anchor and the recursive member typed exactly alike (error 240): both are cast.
    if (recursive) ctx.exactMembers = query;
    const q = compileQuery(ctx, query, parent, { present: false, nested: true });
    ctx.exactMembers = null;
    if (recursive) {
      level.get(name)!.columns.forEach((anchorColumn, i) => {
        const overall = q.columns[i]!.type;
        if (anchorColumn.type.name !== overall.name) throw new CompileError('42804', `recursive query "${name}" column ${i + 1} has type ${displayType(anchorColumn.type)} in non-recursive term but type ${displayType(overall)} overall`);
      });
    }
    const columns = q.columns.map((col, i) => ({ ...col, name: renamed[i] ?? col.name }));
    level.set(name, { columns });
    // The column list only when WITH renames the query's columns (the body's aliases name them otherwise).
    const list = renamed.length ? ` (${columns.map((col) => ident(col.name)).join(', ')})` : '';
    ctx.cteDefinitions.push(`${cteName(name)}${list} AS (${q.sql})`);
  }
}

/** The statement's query hint: Postgres has no recursion limit, SQL Server stops at 100 levels unless told. */
export function recursionOption(ctx: TsqlContext): string {
  return ctx.recursive ? ' OPTION (MAXRECURSION 0)' : '';
}

/** A WITH query's name: bare when it is a regular identifier (node-sql-parser's T-SQL grammar rejects [name] there), else [quoted]. */
export function cteName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !TSQL_RESERVED.has(name.toUpperCase()) ? name : ident(name);
}

const TSQL_RESERVED = new Set(['ADD', 'ALL', 'AND', 'ANY', 'AS', 'ASC', 'BEGIN', 'BETWEEN', 'BY', 'CASE', 'CHECK', 'COLUMN', 'CREATE', 'CROSS', 'CURRENT', 'DEFAULT', 'DELETE', 'DESC', 'DISTINCT', 'DROP', 'ELSE', 'END', 'EXCEPT', 'EXISTS', 'FOR', 'FROM', 'FULL', 'GROUP', 'HAVING', 'IN', 'INDEX', 'INNER', 'INSERT', 'INTERSECT', 'INTO', 'IS', 'JOIN', 'KEY', 'LEFT', 'LIKE', 'MERGE', 'NOT', 'NULL', 'OF', 'ON', 'OR', 'ORDER', 'OUTER', 'OVER', 'PERCENT', 'PRIMARY', 'RIGHT', 'SELECT', 'SET', 'TABLE', 'THEN', 'TOP', 'UNION', 'UNIQUE', 'UPDATE', 'USER', 'VALUES', 'VIEW', 'WHEN', 'WHERE', 'WITH']);

type Target = { expr: TExpr; name: string };

function plainSelect(ctx: TsqlContext, n: AstObject, parent: Scope | null, options: QueryOptions): CompiledQuery {
  const scope = new Scope(parent);
  const outerHints = ctx.lockHints;
  ctx.lockHints = lockHints(n);
  const from = compileFrom(ctx, arr(n['fromClause']), scope);
  ctx.lockHints = outerHints;
  const targets = targetList(ctx, arr(n['targetList']), scope, options.present);
  const where = n['whereClause'] ? ` WHERE ${asCondition(coerce(ctx, compileExpr(ctx, n['whereClause'], scope), T('bool')))}` : '';
  const groupItems = arr(n['groupClause']);
  const group = groupItems.length ? groupBy(ctx, groupItems, scope, targets) : [];
  const having = n['havingClause'] ? ` HAVING ${asCondition(coerce(ctx, compileExpr(ctx, n['havingClause'], scope), T('bool')))}` : '';
  const distinct = arr(n['distinctClause']);
  if (distinct.length && obj(distinct[0]) && Object.keys(obj(distinct[0])!).length) throw unsupported('DISTINCT ON');
  const sortItems = arr(n['sortClause']);
  const resolver = outputResolver(targets);
  const order = sortItems.length ? orderByList(ctx, sortItems, scope, resolver) : '';
  const { top, tail, keepOrder } = limits(ctx, n, scope, order, options.nested);
  const output = (t: Target, i: number): string => {
    const cast = options.castTo?.[i];
    if (cast) return `CAST(${asValue(coerce(ctx, t.expr, cast))} AS ${tsqlType(cast)})`;
    return options.present ? presented(t.expr) : asValue(t.expr);
  };
  const select = targets.map((t, i) => `${output(t, i)} AS ${ident(t.name)}`).join(', ');
  // DISTINCT with ORDER BY: T-SQL wants the ORDER BY keys in the select list as written, which the NULL
  // placement terms and the numeric CONVERTs are not; GROUP BY over the select list is the same set of rows.
  if (distinct.length && sortItems.length) checkDistinctOrder(ctx, sortItems, scope, resolver, targets);
  const asGroup = distinct.length > 0 && order !== '' && keepOrder && group.length === 0 && !having;
  const groupSql = asGroup ? ` GROUP BY ${targets.map((t) => asValue(t.expr)).join(', ')}` : group.length ? ` GROUP BY ${group.join(', ')}` : '';
  const sql = `SELECT ${distinct.length && !asGroup ? 'DISTINCT ' : ''}${top}${select}${from ? ` FROM ${from}` : ''}${where}${groupSql}${having}${tail}`;
  return { sql, columns: targets.map((t) => ({ name: t.name, type: t.expr.type, ...(t.expr.notNull ? { notNull: true } : {}) })) };
}

/** SELECT DISTINCT: every ORDER BY expression must be one of the select list's (42P10), as Postgres requires. */
function checkDistinctOrder(ctx: TsqlContext, items: readonly unknown[], scope: Scope, resolve: (node: unknown) => TExpr | null, targets: readonly Target[]): void {
  const selected = new Set(targets.map((t) => t.expr.sql));
  for (const item of items) {
    const node = bodyOf(item, 'SortBy')?.['node'];
    const key = resolve(node) ?? compileExpr(ctx, node, scope);
    if (!selected.has(key.sql)) throw new CompileError('42P10', 'for SELECT DISTINCT, ORDER BY expressions must appear in select list');
  }
}

/** The value as sent to the client: numerics as their exact text, unknown literals as text. */
function presented(e: TExpr): string {
  if (e.type.category === 'numeric') return `CONVERT(varchar(64), ${asValue(e)})`;
  return asValue(e);
}

function targetList(ctx: TsqlContext, items: readonly unknown[], scope: Scope, present: boolean): Target[] {
  const out: Target[] = [];
  for (const item of items) {
    const rt = bodyOf(item, 'ResTarget')!;
    const star = starOf(rt['val']);
    if (star !== undefined) {
      out.push(...expandStar(scope, star));
      continue;
    }
    let e = compileExpr(ctx, rt['val'], scope);
    // An untyped literal or parameter in the select list is text (Postgres resolves unknown outputs to text).
    if (e.type.category === 'unknown') e = coerce(ctx, e, T('text'));
    if (present && ['array', 'interval', 'json', 'jsonb', 'record'].includes(e.type.category) && e.type.name !== 'json' && e.type.name !== 'jsonb') throw unsupported(`a result column of type ${e.type.name}`);
    out.push({ expr: e, name: str(rt['name']) ?? e.name });
  }
  return out;
}

/** `*` → null, `t.*` → 't', anything else → undefined. */
function starOf(node: unknown): string | null | undefined {
  const ref = bodyOf(node, 'ColumnRef');
  if (!ref) return undefined;
  const fields = arr(ref['fields']);
  if (!bodyOf(fields[fields.length - 1], 'A_Star')) return undefined;
  return fields.length === 1 ? null : (str(bodyOf(fields[fields.length - 2], 'String')?.['sval']) ?? '');
}

function expandStar(scope: Scope, qualifier: string | null): Target[] {
  const items = qualifier === null ? scope.items : scope.items.filter((i) => i.refname === qualifier);
  if (qualifier !== null && items.length === 0) throw new CompileError('42P01', `missing FROM-clause entry for table "${qualifier}"`);
  if (qualifier === null && items.length === 0) throw new CompileError('42601', 'SELECT * with no tables specified is not valid');
  const out: Target[] = [];
  // JOIN … USING: the merged columns come first, then every other column in order (Postgres's * over a USING join).
  const merged = qualifier === null ? [...new Set(items.flatMap((i) => [...(i.hidden ?? [])]))] : [];
  for (const name of merged) {
    const item = items.find((i) => !i.hidden?.has(name) && i.columns.some((c) => c.name === name));
    if (!item) continue;
    const index = item.columns.findIndex((c) => c.name === name);
    const c = item.columns[index]!;
    out.push({ expr: texpr(columnSql(item, index), c.type, c.name), name: c.name });
  }
  for (const item of items) {
    item.columns.forEach((c, i) => {
      if (qualifier === null && (item.hidden?.has(c.name) || merged.includes(c.name))) return;
      out.push({ expr: texpr(columnSql(item, i), c.type, c.name, c.notNull && !item.nullable ? { notNull: true } : {}), name: c.name });
    });
  }
  return out;
}

/** ORDER BY resolves a bare name or a position against the select list first, as Postgres does. */
function outputResolver(targets: readonly Target[]) {
  return (node: unknown): TExpr | null => {
    const c = bodyOf(node, 'A_Const');
    const pos = obj(c?.['ival'])?.['ival'];
    if (typeof pos === 'number') {
      const t = targets[pos - 1];
      if (!t) throw new CompileError('42P10', `ORDER BY position ${pos} is not in select list`);
      return t.expr;
    }
    const ref = bodyOf(node, 'ColumnRef');
    const fields = arr(ref?.['fields']);
    if (fields.length === 1) {
      const name = str(bodyOf(fields[0], 'String')?.['sval']);
      const hits = targets.filter((t) => t.name === name);
      if (hits.length === 1) return hits[0]!.expr;
    }
    return null;
  };
}

function groupBy(ctx: TsqlContext, items: readonly unknown[], scope: Scope, targets: readonly Target[]): string[] {
  return items.map((item) => {
    if (bodyOf(item, 'GroupingSet')) throw unsupported('GROUPING SETS, ROLLUP and CUBE');
    const c = bodyOf(item, 'A_Const');
    const pos = obj(c?.['ival'])?.['ival'];
    if (typeof pos === 'number') {
      const t = targets[pos - 1];
      if (!t) throw new CompileError('42P10', `GROUP BY position ${pos} is not in select list`);
      return asValue(t.expr);
    }
    // GROUP BY looks at input columns before output names (the reverse of ORDER BY).
    try {
      return asValue(compileExpr(ctx, item, scope));
    } catch (err) {
      const out = outputResolver(targets)(item);
      if (out) return asValue(out);
      throw err;
    }
  });
}

/** `top` goes after SELECT [DISTINCT]; `tail` (ORDER BY and OFFSET … FETCH) ends the query; `keepOrder`: the ORDER BY is kept. */
type Limits = { top: string; tail: string; keepOrder: boolean };

function limits(ctx: TsqlContext, n: AstObject, scope: Scope, order: string, nested: boolean): Limits {
  const { top, fetch, keepOrder } = limitClauses(ctx, n, scope, order, nested);
  // OFFSET … FETCH needs an ORDER BY: (SELECT NULL) when the query has none (or its own was dropped).
  const orderBy = keepOrder && order ? ` ORDER BY ${order}` : fetch ? ' ORDER BY (SELECT NULL)' : '';
  return { top, tail: orderBy + fetch, keepOrder };
}

function limitClauses(ctx: TsqlContext, n: AstObject, scope: Scope, order: string, nested: boolean): { top: string; fetch: string; keepOrder: boolean } {
  const count = limitValue(ctx, n['limitCount'], scope, '2201W');
  const offset = limitValue(ctx, n['limitOffset'], scope, '2201X');
  const withTies = str(n['limitOption']) === 'LIMIT_OPTION_WITH_TIES';
  if (withTies) {
    if (!order || count === null) throw new CompileError('42601', 'WITH TIES cannot be specified without ORDER BY clause');
    if (offset !== null) throw unsupported('OFFSET with FETCH … WITH TIES');
    return { top: `TOP (${unparen(count)}) WITH TIES `, fetch: '', keepOrder: true };
  }
  // FETCH NEXT 0 ROWS is an error in T-SQL (10744); LIMIT 0 is no rows, whatever the offset.
  if (count === '0') return { top: 'TOP (0) ', fetch: '', keepOrder: true };
  if (offset !== null) return { top: '', fetch: ` OFFSET ${offset} ROWS${count !== null ? ` FETCH NEXT ${count} ROWS ONLY` : ''}`, keepOrder: true };
  if (count !== null) return { top: `TOP (${unparen(count)}) `, fetch: '', keepOrder: true };
  return { top: '', fetch: '', keepOrder: !nested };
}

/** `(2 + 3)` → `2 + 3` inside TOP's own parentheses. */
function unparen(sql: string): string {
  return /^\(.*\)$/s.test(sql) && !/\)\s*[^\s)].*\(/s.test(sql.slice(1, -1)) ? sql.slice(1, -1) : sql;
}

/** `negative`: Postgres's SQLSTATE for a negative LIMIT (2201W) or OFFSET (2201X). */
function limitValue(ctx: TsqlContext, node: unknown, scope: Scope, negative: string): string | null {
  if (node === undefined) return null;
  const e = compileExpr(ctx, node, scope);
  if (e.isNull) return null;
  if (e.intValue !== undefined && e.intValue < 0) throw new CompileError(negative, `${negative === '2201W' ? 'LIMIT' : 'OFFSET'} must not be negative`);
  return coerce(ctx, e, T('int8')).sql;
}

function lockHints(n: AstObject): string | null {
  const clauses = arr(n['lockingClause']).map((l) => bodyOf(l, 'LockingClause')!);
  if (clauses.length === 0) return null;
  const strength = str(clauses[0]!['strength']);
  const wait = str(clauses[0]!['waitPolicy']);
  const hints = strength === 'LCS_FORUPDATE' || strength === 'LCS_FORNOKEYUPDATE' ? ['UPDLOCK', 'ROWLOCK'] : ['HOLDLOCK', 'ROWLOCK'];
  if (wait === 'LockWaitSkip') hints.push('READPAST');
  if (wait === 'LockWaitError') hints.push('NOWAIT');
  return hints.join(', ');
}

/** A set operation: members unified to common column types; the first member names the columns. */
function setOperation(ctx: TsqlContext, n: AstObject, parent: Scope | null): CompiledQuery {
  const op = str(n['op']);
  const all = n['all'] === true;
  if (all && op !== 'SETOP_UNION') throw unsupported(`${op === 'SETOP_INTERSECT' ? 'INTERSECT' : 'EXCEPT'} ALL`);
  const member = (node: unknown, castTo?: readonly PgType[]): CompiledQuery => {
    const body = obj(node) ?? {};
    const q = compileQuery(ctx, body, parent, { present: false, nested: true, ...(castTo ? { castTo } : {}) });
    // A member with its own ORDER BY/LIMIT, or a set operation itself, is a derived table (T-SQL's INTERSECT binds tighter).
    const own = arr(body['sortClause']).length || body['limitCount'] !== undefined || body['limitOffset'] !== undefined || (str(body['op']) ?? 'SETOP_NONE') !== 'SETOP_NONE';
    return own ? { ...q, sql: `SELECT * FROM (${q.sql}) AS ${ident(ctx.freshAlias())}` } : q;
  };
  const l = member(n['larg']);
  const r = member(n['rarg']);
  if (l.columns.length !== r.columns.length) throw new CompileError('42601', `each ${op === 'SETOP_UNION' ? 'UNION' : op === 'SETOP_INTERSECT' ? 'INTERSECT' : 'EXCEPT'} query must have the same number of columns`);
  const types = l.columns.map((c, i) => commonType([c.type, r.columns[i]!.type]));
  const keyword = op === 'SETOP_UNION' ? (all ? 'UNION ALL' : 'UNION') : op === 'SETOP_INTERSECT' ? 'INTERSECT' : 'EXCEPT';
  // A recursive WITH query's members, compiled again with every column cast in their own select lists (SQL
  // Server wants anchor and recursive member typed alike, and the recursive reference outside any subquery).
  const plain = (node: unknown): boolean => (str(obj(node)?.['op']) ?? 'SETOP_NONE') === 'SETOP_NONE';
  const exact = ctx.exactMembers === n && plain(n['larg']) && plain(n['rarg']);
  const sql = exact ? `${member(n['larg'], types).sql} ${keyword} ${member(n['rarg'], types).sql}` : `${conform(ctx, l, types)} ${keyword} ${conform(ctx, r, types)}`;
  return { sql, columns: l.columns.map((c, i) => ({ name: c.name, type: types[i]! })) };
}

/** A member whose column types are of another kind than the operation's is cast (T-SQL would pick by its own type precedence). */
function conform(ctx: TsqlContext, q: CompiledQuery, types: readonly PgType[]): string {
  if (q.columns.every((c, i) => c.type.category === types[i]!.category)) return q.sql;
  const alias = ident(ctx.freshAlias('pgf_m'));
  const inner = q.columns.map((_, i) => ident(`c${i + 1}`));
  const casts = q.columns.map((c, i) => `${asValue(coerce(ctx, texpr(`${alias}.${inner[i]}`, c.type, c.name), types[i]!))} AS ${ident(c.name)}`);
  return `SELECT ${casts.join(', ')} FROM (${q.sql}) AS ${alias} (${inner.join(', ')})`;
}

/** VALUES (…), (…) as a derived table with Postgres's column names (column1, column2, …). */
function values(ctx: TsqlContext, n: AstObject, parent: Scope | null): CompiledQuery {
  const scope = new Scope(parent);
  const rows = arr(n['valuesLists']).map((row) => arr(bodyOf(row, 'List')?.['items'] ?? row).map((e) => compileExpr(ctx, e, scope)));
  const width = rows[0]?.length ?? 0;
  if (rows.some((r) => r.length !== width)) throw new CompileError('42601', 'VALUES lists must all be the same length');
  const types = Array.from({ length: width }, (_, i) => commonType(rows.map((r) => r[i]!.type)));
  const names = types.map((_, i) => `column${i + 1}`);
  const body = rows.map((r) => `(${r.map((e, i) => asValue(coerce(ctx, e, types[i]!))).join(', ')})`).join(', ');
  const alias = ident(ctx.freshAlias('pgf_values'));
  return { sql: `SELECT ${names.map((c) => `${alias}.${ident(c)}`).join(', ')} FROM (VALUES ${body}) AS ${alias} (${names.map(ident).join(', ')})`, columns: names.map((name, i) => ({ name, type: types[i]! })) };
}

/** ORDER BY / LIMIT / presentation over a set operation or VALUES: the query becomes a derived table. */
function finish(ctx: TsqlContext, n: AstObject, q: CompiledQuery, parent: Scope | null, options: QueryOptions): CompiledQuery {
  const sortItems = arr(n['sortClause']);
  const needsOuter = sortItems.length > 0 || n['limitCount'] !== undefined || n['limitOffset'] !== undefined || (options.present && q.columns.some((c) => c.type.category === 'numeric'));
  if (!needsOuter) return q;
  const alias = ctx.freshAlias('pgf_q');
  const inner = q.columns.map((_, i) => `c${i + 1}`);
  const scope = new Scope(parent);
  scope.add({ refname: alias, sqlName: ident(alias), columns: q.columns.map((c) => ({ name: c.name, type: c.type })), sqlColumns: inner, quote: ident });
  const targets: Target[] = q.columns.map((c, i) => ({ expr: texpr(`${ident(alias)}.${ident(inner[i]!)}`, c.type, c.name), name: c.name }));
  const order = sortItems.length ? orderByList(ctx, sortItems, scope, outputResolver(targets)) : '';
  const { top, tail } = limits(ctx, n, scope, order, options.nested);
  const select = targets.map((t) => `${options.present ? presented(t.expr) : t.expr.sql} AS ${ident(t.name)}`).join(', ');
  const sql = `SELECT ${top}${select} FROM (${q.sql}) AS ${ident(alias)} (${inner.map(ident).join(', ')})${tail}`;
  return { sql, columns: q.columns };
}
