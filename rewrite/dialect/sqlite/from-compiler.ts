// FROM items: tables (and CTEs, and the emulated pg_catalog), subqueries, joins and table functions. Each
// adds a ScopeItem (what column references resolve against) and returns its SQLite text.
import type { AstObject } from '../../parser/node-walker.js';
import { unwrap } from '../../parser/node-walker.js';
import { arr, bodyOf, obj, str, stringList } from '../../tenant/ast-nodes.js';
import { catalogRelation } from './catalog-relations.js';
import type { CompileContext } from './compile-context.js';
import { coerce } from './coercion.js';
import { CompileError, undefinedTable, unsupported } from './compile-error.js';
import { compileExpr } from './expr-compiler.js';
import { arrayLowerBound, arrayOf, T, type PgType } from '../common/pg-types.js';
import type { Scope, ScopeItem, ShapeColumn } from '../common/scope.js';
import { compileSubquery } from './select-compiler.js';
import { call, ident, literal } from './sql-text.js';
import { typeFromDisplay } from '../common/type-names.js';

export function compileFromItem(ctx: CompileContext, node: unknown, scope: Scope): string {
  const w = unwrap(node);
  if (!w) throw unsupported('this FROM item');
  switch (w.type) {
    case 'RangeVar':
      return rangeVar(ctx, w.node, scope);
    case 'RangeSubselect':
      return rangeSubselect(ctx, w.node, scope);
    case 'JoinExpr':
      return joinExpr(ctx, w.node, scope);
    case 'RangeFunction':
      return rangeFunction(ctx, w.node, scope);
    default:
      throw unsupported(`${w.type} in FROM`);
  }
}

/** A table's (or view's, CTE's, catalog relation's) columns, by the name a statement uses for it. */
export function relationColumns(ctx: CompileContext, schema: string | null, name: string): { columns: ShapeColumn[]; sql: string } {
  if (schema === null) {
    const cte = ctx.cte(name);
    if (cte) return { columns: [...cte.columns], sql: ident(name) };
  }
  if (schema === null || schema === 'public' || schema === 'main') {
    const table = ctx.schema.tables.get(name);
    if (table) return { columns: table.columns.map((c) => ({ name: c.name, type: typeFromDisplay(c.pgType) })), sql: ident(name) };
  }
  const emulated = catalogRelation(schema, name);
  if (emulated) return { columns: [...emulated.columns], sql: `${ident(emulated.schema)}.${ident(name)}` };
  if (schema !== null && schema !== 'public' && schema !== 'pg_catalog' && schema !== 'information_schema') throw new CompileError('3F000', `schema "${schema}" does not exist`);
  throw undefinedTable(schema && schema !== 'public' ? `${schema}.${name}` : name);
}

function aliasOf(node: AstObject): { name: string | null; columns: string[] } {
  const alias = obj(node['alias']);
  return { name: str(alias?.['aliasname']) ?? null, columns: stringList(alias?.['colnames']) };
}

function renamed(columns: readonly ShapeColumn[], names: string[]): ShapeColumn[] {
  if (names.length > columns.length) throw new CompileError('42P10', `table has ${columns.length} columns available but ${names.length} columns specified`);
  return columns.map((c, i) => ({ name: names[i] ?? c.name, type: c.type }));
}

function rangeVar(ctx: CompileContext, n: AstObject, scope: Scope): string {
  const name = str(n['relname']) ?? '';
  const schema = str(n['schemaname']) ?? null;
  const rel = relationColumns(ctx, schema, name);
  const alias = aliasOf(n);
  const refname = alias.name ?? name;
  const columns = renamed(rel.columns, alias.columns);
  const item: ScopeItem = alias.columns.length ? { refname, sqlName: ident(refname), columns, sqlColumns: rel.columns.map((c) => c.name) } : { refname, sqlName: ident(refname), columns };
  scope.add(item);
  return `${rel.sql} AS ${ident(refname)}`;
}

function rangeSubselect(ctx: CompileContext, n: AstObject, scope: Scope): string {
  // SQLite has no LATERAL: a subquery in FROM cannot see the relations before it. One shape is translated
  // (catalog introspection uses it): LATERAL (SELECT unnest(a), generate_subscripts(a, 1) [+ n]).
  if (n['lateral']) {
    const unnest = lateralUnnest(ctx, n, scope);
    if (unnest === null) throw unsupported('LATERAL subqueries');
    return unnest;
  }
  const alias = aliasOf(n);
  // A subquery in FROM sees the enclosing queries, and its siblings only when LATERAL.
  const sub = compileSubquery(ctx, n['subquery'], scope.parent);
  const refname = alias.name ?? ctx.freshAlias('subquery');
  scope.add({ refname, sqlName: ident(refname), columns: renamed(sub.columns, alias.columns), sqlColumns: sub.columns.map((c) => c.name) });
  return `(${sub.sql}) AS ${ident(refname)}`;
}

const JOIN_KEYWORD: Record<string, string> = { JOIN_INNER: 'JOIN', JOIN_LEFT: 'LEFT JOIN', JOIN_RIGHT: 'RIGHT JOIN', JOIN_FULL: 'FULL JOIN' };

function joinExpr(ctx: CompileContext, n: AstObject, scope: Scope): string {
  if (n['alias']) throw unsupported('an alias on a JOIN');
  const leftStart = scope.items.length;
  const left = compileFromItem(ctx, n['larg'], scope);
  const leftCount = scope.items.length;
  const right = compileFromItem(ctx, n['rarg'], scope);
  const keyword = JOIN_KEYWORD[str(n['jointype']) ?? ''];
  if (!keyword) throw unsupported(`join type ${String(n['jointype'])}`);
  const using = stringList(n['usingClause']);
  if (n['isNatural']) throw unsupported('NATURAL JOIN');
  if (using.length > 0) {
    if (keyword === 'RIGHT JOIN' || keyword === 'FULL JOIN') throw unsupported(`${keyword} … USING`);
    // Unqualified references to a USING column take the left side's (Postgres merges them; for inner and left joins the left value is the merged value).
    for (let i = leftCount; i < scope.items.length; i++) scope.items[i] = { ...scope.items[i]!, hidden: new Set(using), ...(i === leftCount ? { using: { columns: using, leftStart } } : {}) };
    return `${left} ${keyword} ${right} USING (${using.map(ident).join(', ')})`;
  }
  if (n['quals'] === undefined) return `${left} ${keyword === 'JOIN' ? 'CROSS JOIN' : keyword} ${right}${keyword === 'JOIN' ? '' : ' ON 1'}`;
  const on = coerce(ctx, compileExpr(ctx, n['quals'], scope), T('bool'));
  return `${left} ${keyword} ${right} ON ${on.sql}`;
}

/**
 * LATERAL (SELECT unnest(a), generate_subscripts(a, 1) + n) AS k(…): a table-valued function may read the
 * relations before it, so this is pgf_unnest(a) with its ordinality turned back into subscripts.
 */
function lateralUnnest(ctx: CompileContext, n: AstObject, scope: Scope): string | null {
  const select = bodyOf(n['subquery'], 'SelectStmt');
  if (!select || arr(select['fromClause']).length || select['whereClause'] || (select['op'] ?? 'SETOP_NONE') !== 'SETOP_NONE') return null;
  let array: unknown = null;
  const parts: ({ kind: 'value' } | { kind: 'subscript'; offset: number })[] = [];
  for (const target of arr(select['targetList'])) {
    let node = bodyOf(target, 'ResTarget')?.['val'];
    let offset = 0;
    const plus = bodyOf(node, 'A_Expr');
    if (plus && plus['kind'] === 'AEXPR_OP' && ['+', '-'].includes(stringList(plus['name'])[0] ?? '')) {
      const constant = obj(bodyOf(plus['rexpr'], 'A_Const')?.['ival']);
      if (!constant) return null;
      offset = (typeof constant['ival'] === 'number' ? constant['ival'] : 0) * (stringList(plus['name'])[0] === '-' ? -1 : 1);
      node = plus['lexpr'];
    }
    const fn = bodyOf(node, 'FuncCall');
    const fname = stringList(fn?.['funcname']).at(-1);
    const args = arr(fn?.['args']);
    if (fname === 'unnest' && args.length === 1 && offset === 0) parts.push({ kind: 'value' });
    else if (fname === 'generate_subscripts' && args.length === 2 && obj(bodyOf(args[1], 'A_Const')?.['ival'])?.['ival'] === 1) {
      parts.push({ kind: 'subscript', offset });
    } else return null;
    const key = JSON.stringify(args[0]).replace(/"location":\d+,?/g, '');
    if (array !== null && array !== key) return null;
    array = key;
  }
  if (parts.length === 0) return null;
  const first = bodyOf(arr(select['targetList'])[0], 'ResTarget')?.['val'];
  const argNode = arr(bodyOf(bodyOf(first, 'A_Expr')?.['lexpr'] ?? first, 'FuncCall')?.['args'])[0];
  const a = compileExpr(ctx, argNode, scope);
  if (a.type.category !== 'array' || !a.type.elem) throw unsupported('LATERAL unnest of a value that is not an array');
  const alias = aliasOf(n);
  const refname = alias.name ?? ctx.freshAlias('lateral');
  const lower = arrayLowerBound(a.type);
  const columns = parts.map((p, i) => ({ name: alias.columns[i] ?? (p.kind === 'value' ? 'unnest' : 'generate_subscripts'), type: p.kind === 'value' ? a.type.elem! : T('int4') }));
  const sqlExprs = parts.map((p) => (p.kind === 'value' ? null : `(${ident(refname)}."ordinality" + ${lower - 1 + p.offset})`));
  scope.add({ refname, sqlName: ident(refname), columns, sqlColumns: parts.map(() => 'value'), sqlExprs });
  return `${call('pgf_unnest', a.sql, literal(a.type.elem.name))} AS ${ident(refname)}`;
}

type TableFunction = { sql: string; columns: ShapeColumn[]; sqlColumns: string[] };

function rangeFunction(ctx: CompileContext, n: AstObject, scope: Scope): string {
  const functions = arr(n['functions']);
  if (functions.length !== 1 || n['is_rowsfrom']) throw unsupported('ROWS FROM (…)');
  const items = arr(bodyOf(functions[0], 'List')?.['items']);
  const fc = bodyOf(items[0], 'FuncCall');
  if (!fc) throw unsupported('this function in FROM');
  if (items[1] !== undefined && Object.keys(obj(items[1]) ?? {}).length > 0) throw unsupported('a column definition list');
  const name = (stringList(fc['funcname']).at(-1) ?? '').toLowerCase();
  const args = arr(fc['args']).map((a) => compileExpr(ctx, a, scope));
  const fn = tableFunction(ctx, name, args);
  const alias = aliasOf(n);
  const refname = alias.name ?? name;
  let columns = fn.columns;
  const sqlColumns = [...fn.sqlColumns];
  // A function returning one value names its column after the alias (generate_series(1,3) AS g → column g).
  if (columns.length === 1 && alias.name && alias.columns.length === 0) columns = [{ name: alias.name, type: columns[0]!.type }];
  if (n['ordinality']) {
    columns = [...columns, { name: 'ordinality', type: T('int8') }];
    sqlColumns.push('ordinality');
  }
  columns = renamed(columns, alias.columns);
  if (n['ordinality'] && !fn.sqlColumns.includes('ordinality') && name !== 'unnest' && name !== 'pg_partition_ancestors') throw unsupported(`WITH ORDINALITY on ${name}()`);
  scope.add({ refname, sqlName: ident(refname), columns, sqlColumns });
  return `${fn.sql} AS ${ident(refname)}`;
}

function tableFunction(ctx: CompileContext, name: string, args: ReturnType<typeof compileExpr>[]): TableFunction {
  switch (name) {
    case 'generate_series': {
      if (args.length < 2 || args.length > 3) throw new CompileError('42883', `function generate_series with ${args.length} arguments does not exist`);
      const [a, b, step] = args as [ReturnType<typeof compileExpr>, ReturnType<typeof compileExpr>, ReturnType<typeof compileExpr> | undefined];
      const kind = [a, b].find((x) => x.type.category !== 'unknown' && !(x.param !== undefined))?.type ?? T('int4');
      if (kind.category === 'timestamp' || kind.category === 'timestamptz' || kind.category === 'date') {
        const type = kind.category === 'date' ? T('timestamptz') : kind;
        if (!step) throw new CompileError('42883', 'function generate_series(timestamp, timestamp) does not exist');
        const sql = call('pgf_generate_series_ts', coerce(ctx, a, type).sql, coerce(ctx, b, type).sql, coerce(ctx, step, T('interval')).sql, literal(type.name));
        return { sql, columns: [{ name: 'generate_series', type }], sqlColumns: ['value'] };
      }
      if (kind.category === 'numeric') {
        const s = step ? coerce(ctx, step, T('numeric')).sql : `'1'`;
        return { sql: call('pgf_generate_series_num', coerce(ctx, a, T('numeric')).sql, coerce(ctx, b, T('numeric')).sql, s), columns: [{ name: 'generate_series', type: T('numeric') }], sqlColumns: ['value'] };
      }
      const type: PgType = [a, b].some((x) => x.type.name === 'int8') ? T('int8') : T('int4');
      const s = step ? coerce(ctx, step, type).sql : '1';
      return { sql: call('pgf_generate_series', coerce(ctx, a, type).sql, coerce(ctx, b, type).sql, s), columns: [{ name: 'generate_series', type }], sqlColumns: ['value'] };
    }
    case 'unnest': {
      const a = args[0]!;
      const type = a.type.category === 'array' ? a.type : arrayOf(T('text'));
      const arrSql = coerce(ctx, a, type).sql;
      return { sql: call('pgf_unnest', arrSql, literal(type.elem!.name)), columns: [{ name: 'unnest', type: type.elem! }], sqlColumns: ['value'] };
    }
    case 'jsonb_each':
    case 'json_each':
    case 'jsonb_each_text':
    case 'json_each_text': {
      const asText = name.endsWith('_text');
      const valueType = asText ? T('text') : name.startsWith('jsonb') ? T('jsonb') : T('json');
      const fn = asText ? 'pgf_jsonb_each_text' : 'pgf_jsonb_each';
      return { sql: call(fn, coerce(ctx, args[0]!, T('jsonb')).sql), columns: [{ name: 'key', type: T('text') }, { name: 'value', type: valueType }], sqlColumns: ['key', 'value'] };
    }
    case 'jsonb_array_elements':
    case 'json_array_elements':
    case 'jsonb_array_elements_text':
    case 'json_array_elements_text': {
      const asText = name.endsWith('_text');
      const valueType = asText ? T('text') : name.startsWith('jsonb') ? T('jsonb') : T('json');
      const fn = asText ? 'pgf_jsonb_array_elements_text' : 'pgf_jsonb_array_elements';
      return { sql: call(fn, coerce(ctx, args[0]!, T('jsonb')).sql), columns: [{ name: 'value', type: valueType }], sqlColumns: ['value'] };
    }
    case 'regexp_split_to_table':
      return { sql: call('pgf_regexp_split_to_table', coerce(ctx, args[0]!, T('text')).sql, coerce(ctx, args[1]!, T('text')).sql), columns: [{ name: 'regexp_split_to_table', type: T('text') }], sqlColumns: ['value'] };
    case 'pg_partition_ancestors':
      // No table is partitioned: a relation's only ancestor is itself.
      return { sql: `(SELECT ${coerce(ctx, args[0]!, T('regclass')).sql} AS value, 1 AS ordinality)`, columns: [{ name: 'relid', type: T('regclass') }], sqlColumns: ['value'] };
    default:
      throw unsupported(`function ${name}() in FROM`);
  }
}
