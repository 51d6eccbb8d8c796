// FROM items: tables and views (schema-qualified, aliased as the query names them), WITH queries, derived
// tables, joins (USING as ON; LATERAL subqueries as CROSS/OUTER APPLY). Table functions are refused by name.
import type { AstObject } from '../../parser/node-walker.js';
import { unwrap } from '../../parser/node-walker.js';
import { arr, bodyOf, obj, str, stringList } from '../../tenant/ast-nodes.js';
import { CompileError, undefinedTable, unsupported } from '../common/compile-error.js';
import type { Scope, ScopeItem, ShapeColumn } from '../common/scope.js';
import { typeFromDisplay } from '../common/type-names.js';
import type { TsqlContext } from './context.js';
import { compileExpr } from './expr-compiler.js';
import { compileQuery, cteName } from './select-compiler.js';
import { asCondition } from './texpr.js';
import { ident, tableName } from './tsql-text.js';

export function compileFrom(ctx: TsqlContext, items: readonly unknown[], scope: Scope): string {
  let sql = '';
  for (const item of items) {
    const lateral = bodyOf(item, 'RangeSubselect')?.['lateral'] === true;
    const one = fromItem(ctx, item, scope);
    sql = sql === '' ? one : lateral ? `${sql} CROSS APPLY ${one}` : `${sql} CROSS JOIN ${one}`;
  }
  return sql;
}

function fromItem(ctx: TsqlContext, node: unknown, scope: Scope): string {
  const w = unwrap(node);
  if (!w) throw unsupported('an empty FROM item');
  switch (w.type) {
    case 'RangeVar':
      return rangeVar(ctx, w.node, scope);
    case 'RangeSubselect':
      return derivedTable(ctx, w.node, scope);
    case 'JoinExpr':
      return join(ctx, w.node, scope);
    case 'RangeFunction': {
      const first = arr(w.node['functions'])[0];
      const fn = bodyOf(arr(bodyOf(first, 'List')?.['items'] ?? first)[0], 'FuncCall');
      throw unsupported(`set-returning function ${stringList(fn?.['funcname']).pop() ?? ''} in FROM`);
    }
    case 'RangeTableSample':
      throw unsupported('TABLESAMPLE');
    default:
      throw unsupported(`FROM item ${w.type}`);
  }
}

function rangeVar(ctx: TsqlContext, n: AstObject, scope: Scope): string {
  const schema = str(n['schemaname']) ?? null;
  const name = str(n['relname']) ?? '';
  const alias = obj(n['alias']);
  const refname = str(alias?.['aliasname']) ?? name;
  const renamed = stringList(alias?.['colnames']);
  const cte = schema === null ? ctx.cte(name) : undefined;
  let columns: ShapeColumn[];
  let source: string;
  if (cte) {
    columns = [...cte.columns];
    source = cteName(name);
  } else {
    const table = ctx.table(schema, name);
    if (!table) throw undefinedTable(schema ? `${schema}.${name}` : name);
    columns = table.columns.map((c) => ({ name: c.name, type: typeFromDisplay(c.pgType), notNull: c.notNull }));
    source = tableName(table.schema, table.name);
  }
  if (renamed.length > columns.length) throw new CompileError('42P10', `table "${refname}" has ${columns.length} columns available but ${renamed.length} columns specified`);
  const sqlColumns = renamed.length ? columns.map((c) => c.name) : undefined;
  columns = columns.map((c, i) => (renamed[i] ? { ...c, name: renamed[i]! } : c));
  scope.add({ refname, sqlName: ident(refname), columns, quote: ident, ...(sqlColumns ? { sqlColumns } : {}) });
  return `${source} AS ${ident(refname)}${ctx.lockHints && !cte ? ` WITH (${ctx.lockHints})` : ''}`;
}

function derivedTable(ctx: TsqlContext, n: AstObject, scope: Scope): string {
  const alias = obj(n['alias']);
  const refname = str(alias?.['aliasname']);
  if (!refname) throw new CompileError('42601', 'subquery in FROM must have an alias');
  // A LATERAL subquery sees the FROM items before it.
  const q = compileQuery(ctx, bodyOf(n['subquery'], 'SelectStmt') ?? {}, n['lateral'] === true ? scope : scope.parent, { present: false, nested: true });
  const renamed = stringList(alias?.['colnames']);
  const names = q.columns.map((c, i) => renamed[i] ?? c.name);
  // Derived-table columns must be unique in T-SQL; Postgres allows duplicates until one is referenced.
  const sqlNames = names.map((name, i) => (names.indexOf(name) === i ? name : `${name}_${i + 1}`));
  scope.add({ refname, sqlName: ident(refname), columns: q.columns.map((c, i) => ({ name: names[i]!, type: c.type, ...(c.notNull ? { notNull: true } : {}) })), sqlColumns: sqlNames, quote: ident });
  return `(${q.sql}) AS ${ident(refname)} (${sqlNames.map(ident).join(', ')})`;
}

const JOINS: Record<string, string> = { JOIN_INNER: 'INNER JOIN', JOIN_LEFT: 'LEFT JOIN', JOIN_RIGHT: 'RIGHT JOIN', JOIN_FULL: 'FULL JOIN' };

function join(ctx: TsqlContext, n: AstObject, scope: Scope): string {
  if (n['isNatural']) throw unsupported('NATURAL JOIN');
  if (n['alias']) throw unsupported('an alias on a JOIN');
  const type = str(n['jointype']) ?? 'JOIN_INNER';
  const start = scope.items.length;
  const left = fromItem(ctx, n['larg'], scope);
  const middle = scope.items.length;
  const rightSub = bodyOf(n['rarg'], 'RangeSubselect');
  const right = fromItem(ctx, n['rarg'], scope);
  const using = stringList(n['usingClause']);
  if (type === 'JOIN_LEFT' || type === 'JOIN_FULL') markNullable(scope, middle, scope.items.length);
  if (type === 'JOIN_RIGHT' || type === 'JOIN_FULL') markNullable(scope, start, middle);
  if (rightSub?.['lateral'] === true) {
    if (type !== 'JOIN_INNER' && type !== 'JOIN_LEFT') throw unsupported('RIGHT/FULL JOIN LATERAL');
    const quals = bodyOf(n['quals'], 'A_Const');
    if (n['quals'] !== undefined && obj(quals?.['boolval'])?.['boolval'] !== true) throw unsupported('JOIN LATERAL … ON a condition (only ON true)');
    return `${left} ${type === 'JOIN_LEFT' ? 'OUTER APPLY' : 'CROSS APPLY'} ${right}`;
  }
  if (using.length) {
    if (type === 'JOIN_FULL') throw unsupported('FULL JOIN … USING');
    const conditions = using.map((c) => `${side(scope, start, middle, c)} = ${side(scope, middle, scope.items.length, c)}`);
    // The USING columns appear once: an unqualified reference is the left one (the right one for RIGHT JOIN).
    const hideFrom = type === 'JOIN_RIGHT' ? [start, middle] : [middle, scope.items.length];
    for (let i = hideFrom[0]!; i < hideFrom[1]!; i++) {
      const item = scope.items[i]!;
      scope.items[i] = { ...item, hidden: new Set([...(item.hidden ?? []), ...using.filter((u) => item.columns.some((c) => c.name === u))]) };
    }
    return `${left} ${JOINS[type]} ${right} ON ${conditions.join(' AND ')}`;
  }
  if (n['quals'] === undefined) {
    if (type !== 'JOIN_INNER') throw new CompileError('42601', 'syntax error: an outer join needs ON or USING');
    return `${left} CROSS JOIN ${right}`;
  }
  const on = compileExpr(ctx, n['quals'], scope);
  return `${left} ${JOINS[type] ?? 'INNER JOIN'} ${right} ON ${asCondition(on)}`;
}

function markNullable(scope: Scope, from: number, to: number): void {
  for (let i = from; i < to; i++) scope.items[i] = { ...scope.items[i]!, nullable: true } as ScopeItem;
}

/** `[item].[column]` for a USING column on one side of a join. */
function side(scope: Scope, from: number, to: number, column: string): string {
  for (let i = from; i < to; i++) {
    const item = scope.items[i]!;
    const index = item.columns.findIndex((c) => c.name === column);
    if (index >= 0 && !item.hidden?.has(column)) return `${item.sqlName}.${ident(item.sqlColumns?.[index] ?? column)}`;
  }
  throw new CompileError('42703', `column "${column}" specified in USING clause does not exist`);
}

