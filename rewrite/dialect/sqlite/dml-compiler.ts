// INSERT, UPDATE, DELETE with RETURNING and ON CONFLICT. Values are converted to the target column's
// storage form; defaults are filled in by the compiler from the metadata (SQLite's own DEFAULT cannot
// call now() or nextval() the way Postgres does).
import type { AstObject } from '../../parser/node-walker.js';
import { parseSql } from '../../parser/pg-parser.js';
import { arr, bodyOf, obj, str } from '../../tenant/ast-nodes.js';
import type { CompileContext } from './compile-context.js';
import { coerce } from './coercion.js';
import { CompileError, undefinedTable, unsupported } from './compile-error.js';
import { compileExpr } from './expr-compiler.js';
import { type Expr } from './expr.js';
import { compileFromItem } from './from-compiler.js';
import type { RunPlan } from './plan-types.js';
import { T, typeRef, type PgType } from '../common/pg-types.js';
import { Scope, type ShapeColumn } from '../common/scope.js';
import { compileSelect } from './select-compiler.js';
import { ident } from './sql-text.js';
import type { SqliteTable } from './plan-types.js';
import { typeFromDisplay } from '../common/type-names.js';
import { compileWithPrefix } from './with-prefix.js';
import { returningItems } from '../common/returning-items.js';

type Target = { table: SqliteTable; columns: ShapeColumn[]; scope: Scope };

function target(ctx: CompileContext, rangeVar: unknown, outer: Scope | null): Target {
  const rv = obj(rangeVar) ?? {};
  const name = str(rv['relname']) ?? '';
  const schema = str(rv['schemaname']);
  if (schema && schema !== 'public') throw undefinedTable(`${schema}.${name}`);
  const table = ctx.schema.tables.get(name);
  if (!table) throw undefinedTable(name);
  if (table.kind !== 'table') throw new CompileError('0A000', `cannot change view "${name}" on a SQLite tenant`);
  const columns = table.columns.map((c) => ({ name: c.name, type: typeFromDisplay(c.pgType) }));
  const scope = new Scope(outer);
  const alias = str(obj(rv['alias'])?.['aliasname']);
  // SQLite's RETURNING resolves only the table's own name, so the alias is the compiler's business only.
  scope.add({ refname: alias ?? name, sqlName: ident(name), columns });
  return { table, columns, scope };
}

function returning(ctx: CompileContext, list: unknown[], scope: Scope): { sql: string; columns: ShapeColumn[] } | null {
  if (list.length === 0) return null;
  const outs: Expr[] = [];
  for (const item of list) {
    const rt = bodyOf(item, 'ResTarget')!;
    const ref = bodyOf(rt['val'], 'ColumnRef');
    const fields = arr(ref?.['fields']);
    if (ref && bodyOf(fields[fields.length - 1], 'A_Star')) {
      const it = scope.items[0]!;
      it.columns.forEach((c) => outs.push({ sql: `${it.sqlName}.${ident(c.name)}`, type: c.type, name: c.name }));
      continue;
    }
    let e = compileExpr(ctx, rt['val'], scope);
    if (e.unknownText !== undefined || e.isNull || e.param !== undefined) e = { ...coerce(ctx, e, T('text')), name: e.name };
    outs.push({ ...e, name: str(rt['name']) ?? e.name });
  }
  return { sql: ' RETURNING ' + outs.map((o) => `${o.sql} AS ${ident(o.name)}`).join(', '), columns: outs.map((o) => ({ name: o.name, type: o.type })) };
}

function plan(ctx: CompileContext, sql: string, command: 'INSERT' | 'UPDATE' | 'DELETE', ret: { columns: ShapeColumn[] } | null): RunPlan {
  return {
    kind: 'run',
    sqlite: [sql],
    columns: ret ? ret.columns.map((c) => ({ name: c.name, type: typeRef(c.type) })) : null,
    paramTypes: [],
    tag: { kind: 'rows', command },
    schemaChanged: false,
    readOnly: false,
  };
}

/** A column's default as the compiler fills it in: its Postgres expression compiled, or null when it has none. */
export function defaultValue(ctx: CompileContext, column: { defaultExpr: string | null }, type: PgType): string | null {
  if (column.defaultExpr === null) return null;
  const parsed = parseSql(`SELECT ${column.defaultExpr}`);
  if (parsed.kind !== 'parsed') throw new CompileError('XX000', `cannot read the stored default ${column.defaultExpr}`);
  const val = bodyOf(arr(bodyOf(parsed.statements[0]!.stmt, 'SelectStmt')?.['targetList'])[0], 'ResTarget')?.['val'];
  return coerce(ctx, compileExpr(ctx, val, new Scope(null)), type, 'assignment').sql;
}

export function compileInsert(ctx: CompileContext, n: AstObject): RunPlan {
  const withSql = compileWithPrefix(ctx, n['withClause']);
  try {
    const t = target(ctx, n['relation'], null);
    const named = arr(n['cols']).map((c) => str(bodyOf(c, 'ResTarget')?.['name']) ?? '');
    const select = obj(obj(n['selectStmt'])?.['SelectStmt']);
    const isValues = !!select && arr(select['valuesLists']).length > 0 && select['op'] === 'SETOP_NONE' && arr(select['sortClause']).length === 0;
    const query = select && !isValues ? compileSelect(ctx, select, null) : null;
    // Without a column list Postgres targets the first N columns, N the width of the rows given; the rest get defaults.
    const width = !select ? 0 : query ? query.columns.length : Math.max(...arr(select['valuesLists']).map((row) => arr(bodyOf(row, 'List')?.['items']).length));
    const cols = named.length ? named : t.columns.slice(0, width).map((c) => c.name);
    const colTypes = cols.map((c) => {
      const col = t.columns.find((x) => x.name === c);
      if (!col) throw new CompileError('42703', `column "${c}" of relation "${t.table.name}" does not exist`);
      return col.type;
    });
    // Columns left out that have a default the compiler must supply.
    const defaults = t.table.columns.filter((c) => !cols.includes(c.name) && c.defaultExpr !== null).map((c) => ({ name: c.name, sql: defaultValue(ctx, c, typeFromDisplay(c.pgType))! }));
    const allCols = [...cols, ...defaults.map((d) => d.name)];
    let source: string;
    if (!select) {
      // INSERT … DEFAULT VALUES: only the defaults the compiler supplies are named.
      const conflict = onConflict(ctx, obj(n['onConflictClause']), t);
      const ret = returning(ctx, returningItems(n), t.scope);
      const body = defaults.length ? `(${defaults.map((d) => ident(d.name)).join(', ')}) VALUES (${defaults.map((d) => d.sql).join(', ')})` : 'DEFAULT VALUES';
      return plan(ctx, `${withSql}INSERT INTO ${ident(t.table.name)} ${body}${conflict}${ret?.sql ?? ''}`, 'INSERT', ret);
    } else if (!query) {
      const rows = arr(select['valuesLists']).map((row) => {
        const items = arr(bodyOf(row, 'List')?.['items']);
        if (items.length > cols.length) throw new CompileError('42601', 'INSERT has more expressions than target columns');
        const values = items.map((v, i) => {
          if (bodyOf(v, 'SetToDefault')) {
            const c = t.table.columns.find((x) => x.name === cols[i])!;
            return defaultValue(ctx, c, colTypes[i]!) ?? 'NULL';
          }
          return coerce(ctx, compileExpr(ctx, v, new Scope(null)), colTypes[i]!, 'assignment').sql;
        });
        return `(${[...values, ...defaults.map((d) => d.sql)].join(', ')})`;
      });
      source = `VALUES ${rows.join(', ')}`;
    } else {
      const q = query;
      if (q.columns.length > cols.length) throw new CompileError('42601', 'INSERT has more expressions than target columns');
      // The source's columns are taken by position (two may share a name): a CTE's column list renames them.
      const names = q.columns.map((_, i) => `"pgf_c${i + 1}"`);
      const outs = q.columns.map((c, i) => coerce(ctx, { sql: `"pgf_src".${names[i]}`, type: c.type, name: c.name }, colTypes[i]!, 'assignment').sql);
      // WHERE true: SQLite needs it to tell an upsert's ON CONFLICT from a join's ON.
      source = `WITH "pgf_src"(${names.join(', ')}) AS (${q.sql}) SELECT ${[...outs, ...defaults.map((d) => d.sql)].join(', ')} FROM "pgf_src" WHERE true`;
    }
    const conflict = onConflict(ctx, obj(n['onConflictClause']), t);
    const ret = returning(ctx, returningItems(n), t.scope);
    const sql = `${withSql}INSERT INTO ${ident(t.table.name)} (${allCols.map(ident).join(', ')}) ${source}${conflict}${ret?.sql ?? ''}`;
    return plan(ctx, sql, 'INSERT', ret);
  } finally {
    if (n['withClause']) ctx.ctes.shift();
  }
}

function onConflict(ctx: CompileContext, c: AstObject | undefined, t: Target): string {
  if (!c) return '';
  const infer = obj(c['infer']);
  if (infer && str(infer['conname'])) throw unsupported('ON CONFLICT ON CONSTRAINT');
  const keys = arr(infer?.['indexElems']).map((e) => {
    const name = str(bodyOf(e, 'IndexElem')?.['name']);
    if (!name) throw unsupported('an ON CONFLICT target that is an expression');
    return ident(name);
  });
  const targetSql = keys.length ? ` (${keys.join(', ')})${infer?.['whereClause'] ? ` WHERE ${coerce(ctx, compileExpr(ctx, infer['whereClause'], t.scope), T('bool')).sql}` : ''}` : '';
  if (c['action'] === 'ONCONFLICT_NOTHING') return ` ON CONFLICT${targetSql} DO NOTHING`;
  if (keys.length === 0) throw new CompileError('42601', 'ON CONFLICT DO UPDATE requires inference specification or constraint name');
  const scope = new Scope(null);
  scope.add(t.scope.items[0]!);
  scope.add({ refname: 'excluded', sqlName: 'excluded', columns: t.columns });
  const sets = setList(ctx, arr(c['targetList']), t, scope);
  const where = c['whereClause'] ? ` WHERE ${coerce(ctx, compileExpr(ctx, c['whereClause'], scope), T('bool')).sql}` : '';
  return ` ON CONFLICT${targetSql} DO UPDATE SET ${sets}${where}`;
}

function setList(ctx: CompileContext, list: unknown[], t: Target, scope: Scope): string {
  return list.map((item) => {
    const rt = bodyOf(item, 'ResTarget')!;
    if (bodyOf(rt['val'], 'MultiAssignRef')) throw unsupported('SET (a, b) = (…)');
    if (arr(rt['indirection']).length) throw unsupported('assignment to a subscript or field');
    const name = str(rt['name']) ?? '';
    const col = t.columns.find((c) => c.name === name);
    if (!col) throw new CompileError('42703', `column "${name}" of relation "${t.table.name}" does not exist`);
    const value = bodyOf(rt['val'], 'SetToDefault')
      ? defaultValue(ctx, t.table.columns.find((c) => c.name === name)!, col.type) ?? 'NULL'
      : coerce(ctx, compileExpr(ctx, rt['val'], scope), col.type, 'assignment').sql;
    return `${ident(name)} = ${value}`;
  }).join(', ');
}

export function compileUpdate(ctx: CompileContext, n: AstObject): RunPlan {
  const withSql = compileWithPrefix(ctx, n['withClause']);
  try {
    const t = target(ctx, n['relation'], null);
    const from = arr(n['fromClause']).map((f) => compileFromItem(ctx, f, t.scope));
    const sets = setList(ctx, arr(n['targetList']), t, t.scope);
    const where = n['whereClause'] === undefined ? '' : ` WHERE ${coerce(ctx, compileExpr(ctx, n['whereClause'], t.scope), T('bool')).sql}`;
    const ret = returning(ctx, returningItems(n), t.scope);
    const sql = `${withSql}UPDATE ${ident(t.table.name)} SET ${sets}${from.length ? ' FROM ' + from.join(', ') : ''}${where}${ret?.sql ?? ''}`;
    return plan(ctx, sql, 'UPDATE', ret);
  } finally {
    if (n['withClause']) ctx.ctes.shift();
  }
}

export function compileDelete(ctx: CompileContext, n: AstObject): RunPlan {
  const withSql = compileWithPrefix(ctx, n['withClause']);
  try {
    const t = target(ctx, n['relation'], null);
    const using = arr(n['usingClause']);
    let where: string;
    if (using.length) {
      // DELETE … USING: SQLite has none; the same rows are those for which a matching USING row exists.
      const inner = new Scope(t.scope);
      const from = using.map((f) => compileFromItem(ctx, f, inner));
      const cond = n['whereClause'] === undefined ? '1' : coerce(ctx, compileExpr(ctx, n['whereClause'], inner), T('bool')).sql;
      where = ` WHERE EXISTS (SELECT 1 FROM ${from.join(', ')} WHERE ${cond})`;
    } else {
      where = n['whereClause'] === undefined ? '' : ` WHERE ${coerce(ctx, compileExpr(ctx, n['whereClause'], t.scope), T('bool')).sql}`;
    }
    const ret = returning(ctx, returningItems(n), t.scope);
    return plan(ctx, `${withSql}DELETE FROM ${ident(t.table.name)}${where}${ret?.sql ?? ''}`, 'DELETE', ret);
  } finally {
    if (n['withClause']) ctx.ctes.shift();
  }
}

/** RETURNING items (Postgres 18's parse tree wraps them in a ReturningClause, which also carries OLD/NEW aliases). */
