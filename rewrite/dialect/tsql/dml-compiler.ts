// INSERT, UPDATE, DELETE with RETURNING as OUTPUT INSERTED./DELETED. Values are typed by their target column
// (Postgres's assignment coercion); an identity column given a value gets IDENTITY_INSERT around the statement
// (Postgres lets a serial column be written). ON CONFLICT is merge-compiler.ts.
import type { AstObject } from '../../parser/node-walker.js';
import { arr, bodyOf, obj, str } from '../../tenant/ast-nodes.js';
import { CompileError, undefinedTable, unsupported } from '../common/compile-error.js';
import { T } from '../common/pg-types.js';
import { columnSql, Scope, type ScopeItem, type ShapeColumn } from '../common/scope.js';
import { typeFromDisplay } from '../common/type-names.js';
import { returningItems } from '../common/returning-items.js';
import { coerce } from './coercion.js';
import type { TsqlContext } from './context.js';
import { compileExpr } from './expr-compiler.js';
import { compileFrom } from './from-compiler.js';
import { compileMerge } from './merge-compiler.js';
import type { MssqlTable, RunPlan } from './plan-types.js';
import { runPlan } from './run-plan.js';
import { compileQuery, compileWith, recursionOption, type QueryColumn } from './select-compiler.js';
import { asCondition, asValue, texpr } from './texpr.js';
import { ident, tableName, withIdentityInsert } from './tsql-text.js';

export type DmlTarget = { table: MssqlTable; columns: ShapeColumn[]; refname: string; sql: string };

export function dmlTarget(ctx: TsqlContext, rangeVar: unknown): DmlTarget {
  const rv = obj(rangeVar) ?? {};
  const name = str(rv['relname']) ?? '';
  const schema = str(rv['schemaname']) ?? null;
  const table = ctx.table(schema, name);
  if (!table) throw undefinedTable(schema ? `${schema}.${name}` : name);
  if (table.kind !== 'table') throw unsupported(`changing the view "${name}"`);
  const columns = table.columns.map((c) => ({ name: c.name, type: typeFromDisplay(c.pgType), notNull: c.notNull }));
  return { table, columns, refname: str(obj(rv['alias'])?.['aliasname']) ?? name, sql: tableName(table.schema, table.name) };
}

/** RETURNING → OUTPUT: `pseudo` is INSERTED (new rows) or DELETED (old rows). */
export function outputClause(ctx: TsqlContext, list: readonly unknown[], target: DmlTarget, pseudo: 'INSERTED' | 'DELETED', others: readonly ScopeItem[] = []): { sql: string; columns: QueryColumn[] } | null {
  if (list.length === 0) return null;
  const scope = new Scope(null);
  scope.add({ refname: target.refname, sqlName: pseudo, columns: target.columns, quote: ident });
  // UPDATE … FROM / DELETE … USING: RETURNING may name those tables too, as OUTPUT may.
  for (const item of others) scope.add(item);
  const outs: { sql: string; name: string; type: QueryColumn['type'] }[] = [];
  for (const item of list) {
    const rt = bodyOf(item, 'ResTarget')!;
    const ref = bodyOf(rt['val'], 'ColumnRef');
    const fields = arr(ref?.['fields']);
    if (ref && bodyOf(fields[fields.length - 1], 'A_Star')) {
      target.columns.forEach((c, i) => outs.push({ sql: present(columnSql(scope.items[0]!, i), c.type.category), name: c.name, type: c.type }));
      continue;
    }
    if (bodyOf(rt['val'], 'SubLink')) throw unsupported('subqueries in RETURNING');
    let e = compileExpr(ctx, rt['val'], scope);
    if (e.type.category === 'unknown') e = coerce(ctx, e, T('text'));
    outs.push({ sql: present(asValue(e), e.type.category), name: str(rt['name']) ?? e.name, type: e.type });
  }
  return { sql: ` OUTPUT ${outs.map((o) => `${o.sql} AS ${ident(o.name)}`).join(', ')}`, columns: outs.map((o) => ({ name: o.name, type: o.type })) };
}

function present(sql: string, category: string): string {
  return category === 'numeric' ? `CONVERT(varchar(64), ${sql})` : sql;
}

export function compileInsert(ctx: TsqlContext, n: AstObject): RunPlan {
  statementWith(ctx, n);
  const target = dmlTarget(ctx, n['relation']);
  const listed = arr(n['cols']).map((c) => str(bodyOf(c, 'ResTarget')?.['name']) ?? '');
  const select = bodyOf(n['selectStmt'], 'SelectStmt');
  const names = listed.length ? listed : target.columns.slice(0, insertWidth(select, target)).map((c) => c.name);
  const columns = names.map((name) => {
    const col = target.columns.find((c) => c.name === name);
    if (!col) throw new CompileError('42703', `column "${name}" of relation "${target.table.name}" does not exist`);
    return col;
  });
  if (new Set(names).size !== names.length) throw new CompileError('42701', 'column specified more than once');
  if (n['onConflictClause']) return compileMerge(ctx, n, target, columns);
  const source = insertSource(ctx, select, columns);
  const output = outputClause(ctx, returningItems(n), target, 'INSERTED');
  const cols = source === 'DEFAULT VALUES' ? '' : ` (${names.map(ident).join(', ')})`;
  let sql = `INSERT INTO ${target.sql}${cols}${output?.sql ?? ''} ${source}${recursionOption(ctx)}`;
  const identity = target.table.columns.find((c) => c.identity && names.includes(c.name));
  if (identity) sql = withIdentityInsert(target.sql, ctx.takeWithPrefix() + sql);
  return runPlan(ctx, sql, output?.columns ?? null, { kind: 'rows', command: 'INSERT' }, { readOnly: false });
}

/** INSERT without a column list fills the first N columns, N being the width of its VALUES/SELECT. */
function insertWidth(select: AstObject | undefined, target: DmlTarget): number {
  if (!select) return 0;
  const rows = arr(select['valuesLists']);
  if (rows.length) return arr(bodyOf(rows[0], 'List')?.['items'] ?? rows[0]).length;
  const targets = arr(select['targetList']);
  return targets.some((t) => bodyOf(bodyOf(t, 'ResTarget')?.['val'], 'ColumnRef')) ? target.columns.length : targets.length;
}

/** VALUES (typed per column, DEFAULT kept), a SELECT, or DEFAULT VALUES. */
export function insertSource(ctx: TsqlContext, select: AstObject | undefined, columns: readonly ShapeColumn[]): string {
  if (!select) return 'DEFAULT VALUES';
  const rows = arr(select['valuesLists']);
  if (rows.length && !select['withClause']) {
    const scope = new Scope(null);
    const body = rows.map((row) => {
      const items = arr(bodyOf(row, 'List')?.['items'] ?? row);
      if (items.length !== columns.length) throw new CompileError('42601', items.length > columns.length ? 'INSERT has more expressions than target columns' : 'INSERT has more target columns than expressions');
      return `(${items.map((item, i) => (bodyOf(item, 'SetToDefault') ? 'DEFAULT' : asValue(coerce(ctx, compileExpr(ctx, item, scope), columns[i]!.type, 'assignment')))).join(', ')})`;
    });
    if (rows.length > 1000) throw unsupported('INSERT … VALUES with more than 1000 rows (SQL Server\'s limit; use COPY)');
    return `VALUES ${body.join(', ')}`;
  }
  const q = compileQuery(ctx, select, null, { present: false, nested: false });
  if (q.columns.length !== columns.length) throw new CompileError('42601', q.columns.length > columns.length ? 'INSERT has more expressions than target columns' : 'INSERT has more target columns than expressions');
  const alias = ident(ctx.freshAlias('pgf_src'));
  const inner = q.columns.map((_, i) => ident(`c${i + 1}`));
  const needsCast = q.columns.some((c, i) => c.type.category !== columns[i]!.type.category);
  if (!needsCast) return q.sql;
  const casts = q.columns.map((c, i) => asValue(coerce(ctx, texpr(`${alias}.${inner[i]}`, c.type, c.name), columns[i]!.type, 'assignment')));
  return `SELECT ${casts.join(', ')} FROM (${q.sql}) AS ${alias} (${inner.join(', ')})`;
}

export function compileUpdate(ctx: TsqlContext, n: AstObject): RunPlan {
  statementWith(ctx, n);
  const target = dmlTarget(ctx, n['relation']);
  const { scope, from, where } = dmlSource(ctx, n, target, 'fromClause');
  const sets = arr(n['targetList']).map((t) => {
    const rt = bodyOf(t, 'ResTarget')!;
    if (bodyOf(rt['val'], 'MultiAssignRef')) throw unsupported('SET (a, b) = (…)');
    if (arr(rt['indirection']).length) throw unsupported('assigning to a subscript or field');
    const name = str(rt['name']) ?? '';
    const col = target.columns.find((c) => c.name === name);
    if (!col) throw new CompileError('42703', `column "${name}" of relation "${target.table.name}" does not exist`);
    if (target.table.columns.find((c) => c.name === name)?.identity) throw unsupported(`updating the identity column "${name}"`);
    const value = bodyOf(rt['val'], 'SetToDefault') ? 'DEFAULT' : asValue(coerce(ctx, compileExpr(ctx, rt['val'], scope), col.type, 'assignment'));
    return `${ident(name)} = ${value}`;
  });
  const output = outputClause(ctx, returningItems(n), target, 'INSERTED', scope.items.slice(1));
  const sql = `UPDATE ${ident(target.refname)} SET ${sets.join(', ')}${output?.sql ?? ''}${from}${where}${recursionOption(ctx)}`;
  return runPlan(ctx, sql, output?.columns ?? null, { kind: 'rows', command: 'UPDATE' }, { readOnly: false });
}

export function compileDelete(ctx: TsqlContext, n: AstObject): RunPlan {
  statementWith(ctx, n);
  const target = dmlTarget(ctx, n['relation']);
  const { scope, from, where } = dmlSource(ctx, n, target, 'usingClause');
  const output = outputClause(ctx, returningItems(n), target, 'DELETED', scope.items.slice(1));
  const sql = `DELETE ${ident(target.refname)}${output?.sql ?? ''}${from}${where}${recursionOption(ctx)}`;
  return runPlan(ctx, sql, output?.columns ?? null, { kind: 'rows', command: 'DELETE' }, { readOnly: false });
}

/**
 * UPDATE … FROM / DELETE … USING: the target under its alias, then the other tables (T-SQL's FROM of an UPDATE or
 * DELETE lists the target too), and the WHERE over all of them.
 */
function dmlSource(ctx: TsqlContext, n: AstObject, target: DmlTarget, others: 'fromClause' | 'usingClause'): { scope: Scope; from: string; where: string } {
  const scope = new Scope(null);
  scope.add({ refname: target.refname, sqlName: ident(target.refname), columns: target.columns, quote: ident });
  const items = arr(n[others]);
  const extra = items.length ? compileFrom(ctx, items, scope) : '';
  const from = ` FROM ${target.sql} AS ${ident(target.refname)}${extra ? ` CROSS JOIN ${extra}` : ''}`;
  const where = n['whereClause'] ? ` WHERE ${asCondition(coerce(ctx, compileExpr(ctx, n['whereClause'], scope), T('bool')))}` : '';
  return { scope, from, where };
}

/** WITH before INSERT/UPDATE/DELETE: hoisted like a query's (T-SQL writes it before the statement too). */
function statementWith(ctx: TsqlContext, n: AstObject): void {
  const w = obj(n['withClause']);
  if (w) compileWith(ctx, w, null);
}
