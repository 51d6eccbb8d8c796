// CREATE TABLE/VIEW/INDEX/SCHEMA, DROP, TRUNCATE and CREATE TABLE AS in T-SQL. Constraints get the names
// Postgres would give them (t_pkey, t_email_key, t_customer_id_fkey, t_quantity_check), so the catalog and
// error messages show what a Postgres user expects; defaults get deterministic names (DF_t_c) so ALTER TABLE
// can drop them again (SQL Server refuses to drop a column that still has a default constraint).
import type { AstObject } from '../../parser/node-walker.js';
import { arr, bodyOf, obj, str, stringList } from '../../tenant/ast-nodes.js';
import { CompileError, undefinedTable, unsupported } from '../common/compile-error.js';
import { displayType, pgType, T, type PgType } from '../common/pg-types.js';
import { Scope, type ScopeItem, type ShapeColumn } from '../common/scope.js';
import { resolveTypeName, typeFromDisplay } from '../common/type-names.js';
import { coerce } from './coercion.js';
import type { TsqlContext } from './context.js';
import { compileExpr } from './expr-compiler.js';
import type { RunPlan } from './plan-types.js';
import { runPlan } from './run-plan.js';
import { compileQuery } from './select-compiler.js';
import { asCondition, asValue } from './texpr.js';
import { ident, literal, tableName } from './tsql-text.js';
import { tsqlType } from './tsql-types.js';

const ddl = (ctx: TsqlContext, sql: string, tag: string): RunPlan => runPlan(ctx, sql, null, { kind: 'fixed', tag }, { readOnly: false, schemaChanged: true });

/** `stored`: the Postgres type the server will report back (a text key column is stored as varchar(450)). */
type TableColumn = { name: string; type: PgType; stored: PgType; sqlType: string; notNull: boolean; identity: boolean; hasDefault: boolean };

/** A PRIMARY KEY or UNIQUE of a CREATE TABLE, table-level or on one column. */
type TableKey = { primary: boolean; columns: string[] };

export function compileCreateTable(ctx: TsqlContext, n: AstObject): RunPlan {
  const rel = obj(n['relation']) ?? {};
  if (str(rel['relpersistence']) === 't') throw unsupported('temporary tables');
  if (arr(n['inhRelations']).length) throw unsupported('INHERITS');
  if (n['partspec'] || n['partbound']) throw unsupported('partitioned tables');
  if (n['ofTypename']) throw unsupported('CREATE TABLE … OF type');
  const schema = str(rel['schemaname']) ?? 'public';
  const name = str(rel['relname']) ?? '';
  const target = tableName(schema, name);
  const elements = arr(n['tableElts']);
  if (elements.some((e) => bodyOf(e, 'TableLikeClause'))) throw unsupported('CREATE TABLE … (LIKE …)');
  if (!elements.some((e) => bodyOf(e, 'ColumnDef'))) throw unsupported('a table without columns');
  const defs = elements.map((e) => bodyOf(e, 'ColumnDef')).filter((d): d is AstObject => d !== undefined);
  const tableConstraints = elements.map((e) => bodyOf(e, 'Constraint')).filter((c): c is AstObject => c !== undefined);
  const keys: TableKey[] = [
    ...tableConstraints.filter(isKey).map((c) => ({ primary: str(c['contype']) === 'CONSTR_PRIMARY', columns: stringList(c['keys']) })),
    ...defs.flatMap((d) => constraintsOf(d).filter(isKey).map((c) => ({ primary: str(c['contype']) === 'CONSTR_PRIMARY', columns: [str(d['colname']) ?? ''] }))),
  ];
  // Columns in a key cannot be nvarchar(max) in SQL Server: text keys become nvarchar(450) (900 bytes, the index key limit).
  const keyColumns = new Set(keys.flatMap((k) => k.columns));
  // A PRIMARY KEY makes its columns NOT NULL (Postgres does so implicitly; SQL Server requires it).
  const primaryColumns = new Set(keys.filter((k) => k.primary).flatMap((k) => k.columns));
  const columns: TableColumn[] = defs.map((d) => tableColumn(d, keyColumns, primaryColumns));
  if (columns.filter((c) => c.identity).length > 1) throw unsupported('a second serial or identity column in one table (SQL Server allows one IDENTITY per table)');
  const scope = new Scope(null);
  scope.add(bareColumns(name, columns.map((c) => ({ name: c.name, type: c.type }))));
  const parts: string[] = [];
  // Column constraints are written as table constraints (T-SQL's column form takes no column list).
  const constraints: string[] = [];
  const site: ConstraintSite = { target, nullable: (c) => columns.find((x) => x.name === c)?.notNull !== true, after: [] };
  for (const [i, d] of defs.entries()) parts.push(columnSql(ctx, name, columns[i]!, d, scope, constraints, site));
  for (const c of tableConstraints) pushConstraint(constraints, constraintSql(ctx, name, c, scope, null, site));
  parts.push(...constraints);
  const create = [`CREATE TABLE ${target} (${parts.join(', ')})`, ...site.after].join('; ');
  // The statements after this one in the same query see the table as the schema reader will (primary key first).
  const uniqueKeys = [...keys.filter((k) => k.primary), ...keys.filter((k) => !k.primary)].map((k) => k.columns);
  ctx.schemaEdits.push({
    key: `${schema}.${name}`,
    table: { schema, name, kind: 'table', uniqueKeys, columns: columns.map((c) => ({ name: c.name, pgType: displayType(c.stored), notNull: c.notNull, identity: c.identity, hasDefault: c.hasDefault })) },
  });
  const guarded = site.after.length ? `BEGIN ${create}; END` : create;
  const sql = n['if_not_exists'] === true ? `IF OBJECT_ID(${literal(target)}, N'U') IS NULL ${guarded}` : create;
  return ddl(ctx, sql, 'CREATE TABLE');
}

function isKey(c: AstObject): boolean {
  const t = str(c['contype']);
  return t === 'CONSTR_PRIMARY' || t === 'CONSTR_UNIQUE';
}

function tableColumn(d: AstObject, keyColumns: ReadonlySet<string>, primaryColumns: ReadonlySet<string>): TableColumn {
  const name = str(d['colname']) ?? '';
  const { type, serial } = resolveTypeName(d['typeName']);
  const constraints = constraintsOf(d);
  const identity = serial || constraints.some((c) => str(c['contype']) === 'CONSTR_IDENTITY');
  const notNull = identity || primaryColumns.has(name) || d['is_not_null'] === true || constraints.some((c) => str(c['contype']) === 'CONSTR_NOTNULL');
  const stored = keyColumns.has(name) && type.name === 'text' ? pgType('varchar', 450 + 4)! : type;
  const hasDefault = constraints.some((c) => str(c['contype']) === 'CONSTR_DEFAULT');
  return { name, type, stored, sqlType: tsqlType(stored), notNull, identity, hasDefault };
}

function constraintsOf(d: AstObject): AstObject[] {
  return arr(d['constraints']).map((c) => bodyOf(c, 'Constraint') ?? {});
}

function pushConstraint(list: string[], sql: string | null): void {
  if (sql !== null) list.push(sql);
}

function columnSql(ctx: TsqlContext, table: string, col: TableColumn, d: AstObject, scope: Scope, constraints: string[], site: ConstraintSite): string {
  let sql = `${ident(col.name)} ${col.sqlType}`;
  if (col.identity) sql += ' IDENTITY(1,1)';
  sql += col.notNull ? ' NOT NULL' : ' NULL';
  for (const c of constraintsOf(d)) {
    switch (str(c['contype'])) {
      case 'CONSTR_NOTNULL':
      case 'CONSTR_NULL':
      case 'CONSTR_IDENTITY':
        break;
      case 'CONSTR_DEFAULT':
        sql += ` CONSTRAINT ${ident(`DF_${table}_${col.name}`)} DEFAULT (${defaultSql(ctx, c['raw_expr'], col.type)})`;
        break;
      case 'CONSTR_GENERATED':
        throw unsupported('generated columns');
      default:
        pushConstraint(constraints, constraintSql(ctx, table, c, scope, col.name, site));
    }
  }
  return sql;
}

/** A DEFAULT expression: a constant or a function SQL Server can evaluate per row (now(), gen_random_uuid(), …). */
export function defaultSql(ctx: TsqlContext, expr: unknown, type: PgType): string {
  if (bodyOf(expr, 'FuncCall') && stringList(bodyOf(expr, 'FuncCall')!['funcname']).pop() === 'nextval') throw unsupported('DEFAULT nextval(…) (use serial or an identity column)');
  return asValue(coerce(ctx, compileExpr(ctx, expr, new Scope(null)), type, 'assignment'));
}

const FK_ACTIONS: Record<string, string> = { a: 'NO ACTION', r: 'NO ACTION', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };

/** Where a constraint goes: its table, and what a UNIQUE over nullable columns needs (see constraintSql). */
export type ConstraintSite = { readonly target: string; readonly nullable: (column: string) => boolean; readonly after: string[] };

/**
 * A PRIMARY KEY / UNIQUE / FOREIGN KEY / CHECK constraint, named as Postgres names it when it has no name. A UNIQUE
 * over a nullable column becomes a unique index filtered to non-NULL keys, pushed to `site.after` (null returned):
 * SQL Server's UNIQUE allows one NULL, Postgres's any number.
 */
export function constraintSql(ctx: TsqlContext, table: string, c: AstObject, scope: Scope, column: string | null, site: ConstraintSite): string | null {
  const type = str(c['contype']);
  const keys = column ? [column] : stringList(c['keys']);
  const given = str(c['conname']);
  const named = (suffix: string, cols: readonly string[]): string => `CONSTRAINT ${ident(given ?? [table, ...cols, suffix].join('_'))}`;
  switch (type) {
    case 'CONSTR_PRIMARY':
      return `CONSTRAINT ${ident(given ?? `${table}_pkey`)} PRIMARY KEY (${keys.map(ident).join(', ')})`;
    case 'CONSTR_UNIQUE':
      if (c['nulls_not_distinct']) throw unsupported('UNIQUE NULLS NOT DISTINCT');
      if (keys.some(site.nullable)) {
        site.after.push(nullTolerantUnique(given ?? [table, ...keys, 'key'].join('_'), site.target, keys, site.nullable));
        return null;
      }
      return `${named('key', keys)} UNIQUE (${keys.map(ident).join(', ')})`;
    case 'CONSTR_FOREIGN': {
      const from = column ? [column] : stringList(c['fk_attrs']);
      const pk = obj(c['pktable']) ?? {};
      const refTable = str(pk['relname']) ?? '';
      const refSchema = str(pk['schemaname']) ?? 'public';
      let refCols = stringList(c['pk_attrs']);
      if (refCols.length === 0) {
        const ref = refTable === table ? null : ctx.table(refSchema, refTable);
        if (refTable !== table && !ref) throw undefinedTable(refTable);
        const primary = ref?.uniqueKeys[0];
        if (!primary) throw unsupported(`REFERENCES ${refTable} without a column list (name the referenced columns)`);
        refCols = [...primary];
      }
      if (str(c['fk_matchtype']) === 'f') throw unsupported('MATCH FULL');
      const onDelete = FK_ACTIONS[str(c['fk_del_action']) ?? 'a'] ?? 'NO ACTION';
      const onUpdate = FK_ACTIONS[str(c['fk_upd_action']) ?? 'a'] ?? 'NO ACTION';
      // SQL Server refuses referential actions on a self-reference ("cycles or multiple cascade paths", 1785).
      if (refTable === table && (onDelete !== 'NO ACTION' || onUpdate !== 'NO ACTION')) throw unsupported(`ON ${onDelete !== 'NO ACTION' ? 'DELETE' : 'UPDATE'} ${onDelete !== 'NO ACTION' ? onDelete : onUpdate} on a foreign key that references its own table`);
      const actions = `${onDelete !== 'NO ACTION' ? ` ON DELETE ${onDelete}` : ''}${onUpdate !== 'NO ACTION' ? ` ON UPDATE ${onUpdate}` : ''}`;
      return `${named('fkey', from)} FOREIGN KEY (${from.map(ident).join(', ')}) REFERENCES ${tableName(refSchema, refTable)} (${refCols.map(ident).join(', ')})${actions}`;
    }
    case 'CONSTR_CHECK': {
      const cond = coerce(ctx, compileExpr(ctx, c['raw_expr'], scope), T('bool'));
      // Postgres names a CHECK after the first column it reads.
      const first = column ?? firstColumn(c['raw_expr']);
      return `CONSTRAINT ${ident(given ?? [table, ...(first ? [first] : []), 'check'].join('_'))} CHECK (${asCondition(cond)})`;
    }
    case 'CONSTR_EXCLUSION':
      throw unsupported('EXCLUDE constraints');
    default:
      throw unsupported(`constraint ${type?.replace('CONSTR_', '') ?? ''}`);
  }
}

/** A unique index that, like Postgres's UNIQUE, lets any number of rows have a NULL key column. */
/** A table whose columns are written unqualified: CHECK constraints and filtered-index predicates name only columns. */
export function bareColumns(name: string, columns: readonly ShapeColumn[]): ScopeItem {
  return { refname: name, sqlName: ident(name), columns, sqlExprs: columns.map((c) => ident(c.name)) };
}

export function nullTolerantUnique(name: string, target: string, keys: readonly string[], nullable: (column: string) => boolean, filter: string | null = null): string {
  const notNull = keys.filter(nullable).map((k) => `${ident(k)} IS NOT NULL`);
  const where = [...(filter ? [filter] : []), ...notNull].join(' AND ');
  return `CREATE UNIQUE INDEX ${ident(name)} ON ${target} (${keys.map(ident).join(', ')})${where ? ` WHERE ${where}` : ''}`;
}

function firstColumn(node: unknown): string | null {
  const found = JSON.stringify(node ?? null).match(/"ColumnRef":\{"fields":\[\{"String":\{"sval":"([^"]+)"/);
  return found ? found[1]! : null;
}

export function compileCreateTableAs(ctx: TsqlContext, n: AstObject): RunPlan {
  if (str(n['objtype']) === 'OBJECT_MATVIEW') throw unsupported('materialized views');
  const into = obj(n['into']) ?? {};
  const rel = obj(into['rel']) ?? {};
  if (str(rel['relpersistence']) === 't') throw unsupported('temporary tables');
  const query = bodyOf(n['query'], 'SelectStmt');
  if (!query) throw unsupported('CREATE TABLE AS over this statement');
  const q = compileQuery(ctx, query, null, { present: false, nested: true });
  const names = stringList(into['colNames']);
  const target = tableName(str(rel['schemaname']) ?? 'public', str(rel['relname']) ?? '');
  const alias = ident(ctx.freshAlias('pgf_src'));
  const cols = q.columns.map((c, i) => ident(names[i] ?? c.name));
  const noData = into['skipData'] === true ? ' WHERE 1 = 0' : '';
  const sql = `SELECT * INTO ${target} FROM (${q.sql}) AS ${alias} (${cols.join(', ')})${noData}`;
  const plan = runPlan(ctx, sql, null, { kind: 'rows', command: 'SELECT' }, { readOnly: false, schemaChanged: true });
  // SELECT … INTO cannot follow WITH in T-SQL's grammar for this form: refuse rather than emit invalid T-SQL.
  if (ctx.cteDefinitions.length) throw unsupported('CREATE TABLE AS with WITH queries');
  return plan;
}

export function compileCreateView(ctx: TsqlContext, n: AstObject): RunPlan {
  const view = obj(n['view']) ?? {};
  if (str(view['relpersistence']) === 't') throw unsupported('temporary views');
  const query = bodyOf(n['query'], 'SelectStmt');
  if (!query) throw unsupported('this view body');
  const q = compileQuery(ctx, query, null, { present: false, nested: true });
  const names = stringList(n['aliases']);
  const cols = q.columns.map((c, i) => ident(names[i] ?? c.name));
  const body = ctx.takeWithPrefix() + q.sql;
  const create = n['replace'] === true ? 'CREATE OR ALTER VIEW' : 'CREATE VIEW';
  return ddl(ctx, `${create} ${tableName(str(view['schemaname']) ?? 'public', str(view['relname']) ?? '')} (${cols.join(', ')}) AS ${body}`, 'CREATE VIEW');
}

export function compileCreateIndex(ctx: TsqlContext, n: AstObject): RunPlan {
  const rel = obj(n['relation']) ?? {};
  const schema = str(rel['schemaname']) ?? null;
  const name = str(rel['relname']) ?? '';
  const table = ctx.table(schema, name);
  if (!table) throw undefinedTable(name);
  if (str(n['accessMethod']) && str(n['accessMethod']) !== 'btree') throw unsupported(`${str(n['accessMethod'])} indexes`);
  if (arr(n['indexIncludingParams']).length) throw unsupported('INCLUDE columns');
  const elems = arr(n['indexParams']).map((p) => bodyOf(p, 'IndexElem') ?? {});
  const cols = elems.map((e) => {
    const col = str(e['name']);
    if (!col) throw unsupported('expression indexes');
    if (!table.columns.some((c) => c.name === col)) throw new CompileError('42703', `column "${col}" does not exist`);
    return `${ident(col)}${str(e['ordering']) === 'SORTBY_DESC' ? ' DESC' : ''}`;
  });
  const indexName = str(n['idxname']) ?? `${name}_${elems.map((e) => str(e['name'])).join('_')}_idx`;
  const scope = new Scope(null);
  const shape: ShapeColumn[] = table.columns.map((c) => ({ name: c.name, type: typeFromDisplay(c.pgType) }));
  scope.add(bareColumns(name, shape));
  const where = n['whereClause'] ? ` WHERE ${asCondition(coerce(ctx, compileExpr(ctx, n['whereClause'], scope), T('bool')))}` : '';
  const target = tableName(table.schema, table.name);
  const names = elems.map((e) => str(e['name'])!);
  const nullable = (c: string): boolean => table.columns.find((x) => x.name === c)?.notNull !== true;
  // A unique index lets any number of NULL keys through in Postgres; in SQL Server only one, unless filtered out.
  const unique = n['unique'] === true;
  const filter = unique ? [where.replace(/^ WHERE /, ''), ...names.filter(nullable).map((c) => `${ident(c)} IS NOT NULL`)].filter((x) => x !== '').join(' AND ') : where.replace(/^ WHERE /, '');
  const create = `CREATE ${unique ? 'UNIQUE ' : ''}INDEX ${ident(indexName)} ON ${target} (${cols.join(', ')})${filter ? ` WHERE ${filter}` : ''}`;
  const sql = n['if_not_exists'] === true ? `IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = ${literal(indexName)} AND object_id = OBJECT_ID(${literal(target)})) ${create}` : create;
  return ddl(ctx, sql, 'CREATE INDEX');
}

export function compileDrop(ctx: TsqlContext, n: AstObject): RunPlan {
  const type = str(n['removeType']);
  if (str(n['behavior']) === 'DROP_CASCADE') throw unsupported('DROP … CASCADE');
  const ifExists = n['missing_ok'] === true;
  const objects = arr(n['objects']).map((o) => stringList(bodyOf(o, 'List')?.['items'] ?? o));
  const qualified = (parts: string[]): string => tableName(parts.length > 1 ? parts[0]! : 'public', parts[parts.length - 1]!);
  switch (type) {
    case 'OBJECT_TABLE':
      for (const parts of objects) ctx.schemaEdits.push({ key: `${parts.length > 1 ? parts[0] : 'public'}.${parts[parts.length - 1]}`, table: null });
      return ddl(ctx, `DROP TABLE ${ifExists ? 'IF EXISTS ' : ''}${objects.map(qualified).join(', ')}`, 'DROP TABLE');
    case 'OBJECT_VIEW':
      return ddl(ctx, `DROP VIEW ${ifExists ? 'IF EXISTS ' : ''}${objects.map(qualified).join(', ')}`, 'DROP VIEW');
    case 'OBJECT_INDEX': {
      // T-SQL's DROP INDEX names the table; Postgres's does not: find it in sys.indexes.
      const drops = objects.map((parts) => {
        const index = parts[parts.length - 1]!;
        const schema = parts.length > 1 && parts[0] !== 'public' ? parts[0]! : 'dbo';
        const lookup = `SELECT @pgf_drop = N'DROP INDEX ' + QUOTENAME(i.name) + N' ON ' + QUOTENAME(SCHEMA_NAME(o.schema_id)) + N'.' + QUOTENAME(o.name) FROM sys.indexes AS i INNER JOIN sys.objects AS o ON o.object_id = i.object_id WHERE i.name = ${literal(index)} AND o.schema_id = SCHEMA_ID(${literal(schema)})`;
        // A missing index (without IF EXISTS) runs a THROW that carries Postgres's SQLSTATE (mssql-errors.ts reads it).
        const missing = ifExists ? '' : `IF @pgf_drop IS NULL SET @pgf_drop = ${literal(`THROW 50000, ${literal(`42704: index "${index}" does not exist`)}, 1`)}; `;
        return `SET @pgf_drop = NULL; ${lookup}; ${missing}IF @pgf_drop IS NOT NULL EXEC sp_executesql @pgf_drop`;
      });
      return ddl(ctx, `DECLARE @pgf_drop nvarchar(max); ${drops.join('; ')}`, 'DROP INDEX');
    }
    case 'OBJECT_SCHEMA':
      return ddl(ctx, objects.map((p) => `DROP SCHEMA ${ifExists ? 'IF EXISTS ' : ''}${ident(p[0]!)}`).join('; '), 'DROP SCHEMA');
    default:
      throw unsupported(`DROP ${type?.replace('OBJECT_', '') ?? ''}`);
  }
}

export function compileTruncate(ctx: TsqlContext, n: AstObject): RunPlan {
  if (str(n['behavior']) === 'DROP_CASCADE') throw unsupported('TRUNCATE … CASCADE');
  const restart = n['restart_seqs'] === true;
  const statements = arr(n['relations']).map((r) => {
    const rv = bodyOf(r, 'RangeVar') ?? {};
    const table = ctx.table(str(rv['schemaname']) ?? null, str(rv['relname']) ?? '');
    if (!table) throw undefinedTable(str(rv['relname']) ?? '');
    const target = tableName(table.schema, table.name);
    // SQL Server's TRUNCATE always reseeds the identity; Postgres keeps the sequence unless RESTART IDENTITY.
    return table.columns.some((c) => c.identity) && !restart ? `DELETE FROM ${target}` : `TRUNCATE TABLE ${target}`;
  });
  return runPlan(ctx, statements.join('; '), null, { kind: 'fixed', tag: 'TRUNCATE TABLE' }, { readOnly: false });
}

export function compileCreateSchema(ctx: TsqlContext, n: AstObject): RunPlan {
  const name = str(n['schemaname']) ?? '';
  if (arr(n['schemaElts']).length) throw unsupported('CREATE SCHEMA with elements');
  // CREATE SCHEMA must be alone in its batch: guarded, it runs through EXEC.
  const create = `CREATE SCHEMA ${ident(name)}`;
  const sql = n['if_not_exists'] === true ? `IF SCHEMA_ID(${literal(name)}) IS NULL EXEC(${literal(create)})` : create;
  return ddl(ctx, sql, 'CREATE SCHEMA');
}
