// CREATE TABLE (and AS), CREATE INDEX, CREATE VIEW, CREATE SEQUENCE, DROP, TRUNCATE: SQLite DDL over the
// storage classes, plus the metadata rows that remember each column's Postgres type. Every DDL plan
// also returns the schema change, so later statements of the same query string compile against it.
import type { AstObject } from '../../parser/node-walker.js';
import { printStatement } from '../../parser/pg-parser.js';
import { arr, bodyOf, obj, str, stringList } from '../../tenant/ast-nodes.js';
import type { CompileContext } from './compile-context.js';
import { coerce } from './coercion.js';
import { CompileError, undefinedTable, unsupported } from './compile-error.js';
import { compileExpr } from './expr-compiler.js';
import { createSequence, deleteChecks, deleteColumns, deleteViewDefinition, dropSequence, insertChecks, insertColumns, saveViewDefinition, type CheckConstraint } from './metadata.js';
import type { RunPlan, SqliteColumn, SqlitePlan, SqliteTable } from './plan-types.js';
import { displayType, T, type PgType } from '../common/pg-types.js';
import { Scope } from '../common/scope.js';
import { compileSelect } from './select-compiler.js';
import { ident, literal } from './sql-text.js';
import { resolveTypeName, typeFromDisplay } from '../common/type-names.js';

/** A change to apply to the schema the rest of the batch compiles against. */
export type SchemaEdit = { readonly table: string; readonly definition: SqliteTable | null };
export type DdlResult = { plan: SqlitePlan; edits: SchemaEdit[] };

export function ddlPlan(statements: string[], tag: string): RunPlan {
  return { kind: 'run', sqlite: statements, columns: null, paramTypes: [], tag: { kind: 'fixed', tag }, schemaChanged: true, readOnly: false };
}

/** Prints an expression node back as Postgres text (how defaults are kept in the metadata). */
export function expressionText(node: unknown): string {
  return printStatement({ SelectStmt: { targetList: [{ ResTarget: { val: node } }], limitOption: 'LIMIT_OPTION_DEFAULT', op: 'SETOP_NONE' } } as never).replace(/^SELECT /, '');
}

type ColumnPlan = { def: SqliteColumn; type: PgType; sql: string };

const FK_ACTION: Record<string, string> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };

function references(c: AstObject): string {
  const table = str(obj(c['pktable'])?.['relname']) ?? '';
  const cols = stringList(c['pk_attrs']);
  const onDelete = FK_ACTION[str(c['fk_del_action']) ?? 'a'] ?? 'NO ACTION';
  const onUpdate = FK_ACTION[str(c['fk_upd_action']) ?? 'a'] ?? 'NO ACTION';
  return ` REFERENCES ${ident(table)}${cols.length ? ` (${cols.map(ident).join(', ')})` : ''}${onDelete !== 'NO ACTION' ? ` ON DELETE ${onDelete}` : ''}${onUpdate !== 'NO ACTION' ? ` ON UPDATE ${onUpdate}` : ''}`;
}

export function compileCreateTable(ctx: CompileContext, n: AstObject): DdlResult {
  const rv = obj(n['relation']) ?? {};
  const name = str(rv['relname']) ?? '';
  const schema = str(rv['schemaname']);
  if (schema && schema !== 'public') throw unsupported(`schema "${schema}"`);
  if (arr(n['inhRelations']).length) throw unsupported('INHERITS');
  if (n['partspec']) throw unsupported('partitioned tables');
  if (n['partbound']) throw unsupported('partitions');
  if (n['ofTypename']) throw unsupported('typed tables');
  if (ctx.schema.tables.has(name)) {
    if (n['if_not_exists']) return { plan: { kind: 'noop', tag: 'CREATE TABLE' }, edits: [] };
    throw new CompileError('42P07', `relation "${name}" already exists`);
  }
  // A temporary table lives on one session's connection, but the schema the compiler sees is the file's.
  if (str(rv['relpersistence']) === 't') throw unsupported('temporary tables');
  const elements = arr(n['tableElts']);
  const columnDefs = elements.map((e) => bodyOf(e, 'ColumnDef')).filter((c): c is AstObject => c !== undefined);
  const tableConstraints = elements.map((e) => bodyOf(e, 'Constraint')).filter((c): c is AstObject => c !== undefined);
  if (elements.some((e) => bodyOf(e, 'TableLikeClause'))) throw unsupported('CREATE TABLE … (LIKE …)');
  // A single integer primary key becomes SQLite's rowid (INTEGER PRIMARY KEY): fast, and it numbers rows like a sequence.
  const tablePk = tableConstraints.find((c) => c['contype'] === 'CONSTR_PRIMARY');
  const pkColumns = tablePk ? stringList(tablePk['keys']) : columnDefs.filter((c) => arr(c['constraints']).some((k) => bodyOf(k, 'Constraint')?.['contype'] === 'CONSTR_PRIMARY')).map((c) => str(c['colname']) ?? '');
  const scope = new Scope(null);
  const shapes = columnDefs.map((c) => ({ name: str(c['colname']) ?? '', type: resolveTypeName(c['typeName']).type }));
  scope.add({ refname: name, sqlName: ident(name), columns: shapes });
  const statements: string[] = [];
  const checks: CheckConstraint[] = [];
  const columns: ColumnPlan[] = columnDefs.map((c) => {
    const colName = str(c['colname']) ?? '';
    const { type, serial } = resolveTypeName(c['typeName']);
    const constraints = arr(c['constraints']).map((k) => bodyOf(k, 'Constraint')!).filter(Boolean);
    const identity = constraints.some((k) => k['contype'] === 'CONSTR_IDENTITY');
    if (constraints.some((k) => k['contype'] === 'CONSTR_GENERATED')) throw unsupported('generated columns');
    const rowid = pkColumns.length === 1 && pkColumns[0] === colName && type.category === 'int';
    let notNull = c['is_not_null'] === true || constraints.some((k) => k['contype'] === 'CONSTR_NOTNULL') || pkColumns.includes(colName) || serial || identity;
    let defaultExpr: string | null = null;
    let sql = `${ident(colName)} ${rowid ? 'INTEGER' : type.storage}`;
    if ((serial || identity) && !rowid) {
      const seq = `${name}_${colName}_seq`;
      statements.push(createSequence(seq, 1, 1));
      defaultExpr = `nextval('${seq}'::regclass)`;
    }
    for (const k of constraints) {
      switch (k['contype']) {
        case 'CONSTR_NOTNULL':
          notNull = true;
          break;
        case 'CONSTR_NULL':
        case 'CONSTR_IDENTITY':
          break;
        case 'CONSTR_DEFAULT':
          defaultExpr = expressionText(k['raw_expr']);
          // Check now that the default compiles, so a bad one fails the CREATE, not the first INSERT.
          coerce(ctx, compileExpr(ctx, k['raw_expr'], new Scope(null)), type, 'assignment');
          break;
        case 'CONSTR_PRIMARY':
          if (!tablePk) sql += rowid ? ` PRIMARY KEY${serial || identity ? ' AUTOINCREMENT' : ''}` : ' PRIMARY KEY';
          break;
        case 'CONSTR_UNIQUE':
          sql += ' UNIQUE';
          break;
        case 'CONSTR_CHECK': {
          const check = distinct(checks, checkConstraint(name, str(k['conname']) ?? null, k['raw_expr'], colName));
          checks.push(check);
          sql += ` CONSTRAINT ${ident(check.name)} CHECK (${coerce(ctx, compileExpr(ctx, k['raw_expr'], scope), T('bool')).sql})`;
          break;
        }
        case 'CONSTR_FOREIGN':
          sql += references(k);
          break;
        default:
          throw unsupported(`column constraint ${String(k['contype']).replace('CONSTR_', '')}`);
      }
    }
    if (tablePk && rowid) sql += ` PRIMARY KEY${serial || identity ? ' AUTOINCREMENT' : ''}`;
    if (notNull && !rowid) sql += ' NOT NULL';
    return { def: { name: colName, pgType: displayType(type), notNull, defaultExpr }, type, sql };
  });
  const constraintSql = tableConstraints.flatMap((k) => {
    const named = str(k['conname']) ? `CONSTRAINT ${ident(str(k['conname'])!)} ` : '';
    switch (k['contype']) {
      case 'CONSTR_PRIMARY': {
        const keys = stringList(k['keys']);
        const rowidPk = keys.length === 1 && columns.find((c) => c.def.name === keys[0])?.type.category === 'int';
        return rowidPk ? [] : [`${named}PRIMARY KEY (${keys.map(ident).join(', ')})`];
      }
      case 'CONSTR_UNIQUE':
        return [`${named}UNIQUE (${stringList(k['keys']).map(ident).join(', ')})`];
      case 'CONSTR_CHECK': {
        const check = distinct(checks, checkConstraint(name, str(k['conname']) ?? null, k['raw_expr'], firstColumn(k['raw_expr'], columns.map((c) => c.def.name))));
        checks.push(check);
        return [`CONSTRAINT ${ident(check.name)} CHECK (${coerce(ctx, compileExpr(ctx, k['raw_expr'], scope), T('bool')).sql})`];
      }
      case 'CONSTR_FOREIGN':
        return [`${named}FOREIGN KEY (${stringList(k['fk_attrs']).map(ident).join(', ')})${references(k)}`];
      default:
        throw unsupported(`table constraint ${String(k['contype']).replace('CONSTR_', '')}`);
    }
  });
  const create = `CREATE TABLE ${ident(name)} (${[...columns.map((c) => c.sql), ...constraintSql].join(', ')})`;
  const defs = columns.map((c) => c.def);
  const definition: SqliteTable = { name, kind: 'table', columns: defs };
  return { plan: ddlPlan([create, ...statements, ...insertColumns(name, defs), ...insertChecks(name, checks)], 'CREATE TABLE'), edits: [{ table: name, definition }] };
}

/** A CHECK constraint named as Postgres names it (<table>_<column>_check) and printed as pg_get_constraintdef would, roughly. */
function checkConstraint(table: string, given: string | null, expr: unknown, column: string | null): CheckConstraint {
  return { name: given ?? `${table}_${column ?? ''}${column ? '_' : ''}check`, column, definition: `CHECK (${expressionText(expr)})` };
}

/** A second accounts_balance_check becomes accounts_balance_check1, as Postgres numbers them. */
function distinct(existing: readonly CheckConstraint[], check: CheckConstraint): CheckConstraint {
  let name = check.name;
  for (let n = 1; existing.some((c) => c.name === name); n++) name = `${check.name}${n}`;
  return { ...check, name };
}

/** The first of the table's columns a table-level CHECK names (Postgres names the constraint after it). */
function firstColumn(expr: unknown, columns: readonly string[]): string | null {
  const text = JSON.stringify(expr);
  let first: { at: number; name: string } | null = null;
  for (const m of text.matchAll(/"ColumnRef":\{"fields":\[\{"String":\{"sval":"([^"]+)"/g)) {
    if (columns.includes(m[1]!) && (first === null || m.index! < first.at)) first = { at: m.index!, name: m[1]! };
  }
  return first?.name ?? null;
}

export function compileCreateTableAs(ctx: CompileContext, n: AstObject): DdlResult {
  const into = obj(n['into']) ?? {};
  const rv = obj(into['rel']) ?? {};
  const name = str(rv['relname']) ?? '';
  if (str(n['objtype']) === 'OBJECT_MATVIEW') throw unsupported('materialized views');
  if (ctx.schema.tables.has(name)) {
    if (n['if_not_exists']) return { plan: { kind: 'noop', tag: 'SELECT 0' }, edits: [] };
    throw new CompileError('42P07', `relation "${name}" already exists`);
  }
  const query = compileSelect(ctx, bodyOf(n['query'], 'SelectStmt')!, null);
  const names = stringList(into['colNames']);
  const defs: SqliteColumn[] = query.columns.map((c, i) => ({ name: names[i] ?? c.name, pgType: displayType(c.type.category === 'unknown' ? T('text') : c.type), notNull: false, defaultExpr: null }));
  const create = `CREATE ${str(rv['relpersistence']) === 't' ? 'TEMP ' : ''}TABLE ${ident(name)} (${defs.map((d, i) => `${ident(d.name)} ${query.columns[i]!.type.storage}`).join(', ')})`;
  const fill = into['skipData'] ? [] : [`INSERT INTO ${ident(name)} SELECT * FROM (${query.sql})`];
  const plan: RunPlan = { ...ddlPlan([create, ...insertColumns(name, defs), ...fill], 'SELECT'), tag: { kind: 'rows', command: 'SELECT' } };
  return { plan, edits: [{ table: name, definition: { name, kind: 'table', columns: defs } }] };
}

export function compileCreateView(ctx: CompileContext, n: AstObject): DdlResult {
  const rv = obj(n['view']) ?? {};
  const name = str(rv['relname']) ?? '';
  if (str(rv['relpersistence']) === 't') throw unsupported('temporary views');
  const select = bodyOf(n['query'], 'SelectStmt')!;
  const query = compileSelect(ctx, select, null);
  if (query.sql.includes('?')) throw new CompileError('42P02', 'there is no parameter $1');
  const names = stringList(n['aliases']);
  const defs: SqliteColumn[] = query.columns.map((c, i) => ({ name: names[i] ?? c.name, pgType: displayType(c.type.category === 'unknown' ? T('text') : c.type), notNull: false, defaultExpr: null }));
  const existing = ctx.schema.tables.get(name);
  if (existing && !n['replace']) throw new CompileError('42P07', `relation "${name}" already exists`);
  const statements = existing ? [`DROP VIEW ${ident(name)}`, deleteColumns(name)] : [];
  const cols = defs.map((d) => ident(d.name)).join(', ');
  statements.push(`CREATE VIEW ${ident(name)} (${cols}) AS ${query.sql}`, ...insertColumns(name, defs), saveViewDefinition(name, ` ${printStatement({ SelectStmt: select } as never)};`));
  return { plan: ddlPlan(statements, 'CREATE VIEW'), edits: [{ table: name, definition: { name, kind: 'view', columns: defs } }] };
}

export function compileCreateIndex(ctx: CompileContext, n: AstObject): DdlResult {
  const rv = obj(n['relation']) ?? {};
  const table = str(rv['relname']) ?? '';
  const def = ctx.schema.tables.get(table);
  if (!def) throw undefinedTable(table);
  const method = str(n['accessMethod']) ?? 'btree';
  if (method !== 'btree') throw unsupported(`index method ${method}`);
  const scope = new Scope(null);
  scope.add({ refname: table, sqlName: ident(table), columns: def.columns.map((c) => ({ name: c.name, type: typeFromDisplay(c.pgType) })) });
  // SQLite refuses qualified column names ("t"."c") in index expressions.
  const unqualified = (sql: string): string => sql.replaceAll(`${ident(table)}.`, '');
  const elems = arr(n['indexParams']).map((p) => {
    const e = bodyOf(p, 'IndexElem')!;
    const col = str(e['name']);
    const body = col ? ident(col) : `(${unqualified(compileExpr(ctx, e['expr'], scope).sql)})`;
    const desc = e['ordering'] === 'SORTBY_DESC' ? ' DESC' : '';
    return { sql: body + desc, name: col ?? 'expr' };
  });
  if (arr(n['indexIncludingParams']).length) throw unsupported('INCLUDE columns');
  const name = str(n['idxname']) ?? `${table}_${elems.map((e) => e.name).join('_')}_${n['unique'] ? 'key' : 'idx'}`;
  const where = n['whereClause'] ? ` WHERE ${coerce(ctx, compileExpr(ctx, n['whereClause'], scope), T('bool')).sql}` : '';
  const sql = `CREATE ${n['unique'] ? 'UNIQUE ' : ''}INDEX ${n['if_not_exists'] ? 'IF NOT EXISTS ' : ''}${ident(name)} ON ${ident(table)} (${elems.map((e) => e.sql).join(', ')})${where}`;
  return { plan: ddlPlan([sql], 'CREATE INDEX'), edits: [] };
}

export function compileDrop(ctx: CompileContext, n: AstObject): DdlResult {
  const kind = str(n['removeType']);
  const missingOk = n['missing_ok'] === true;
  const names = arr(n['objects']).map((o) => stringList(bodyOf(o, 'List')?.['items']));
  const statements: string[] = [];
  const edits: SchemaEdit[] = [];
  for (const parts of names) {
    const name = parts.at(-1) ?? '';
    if (parts.length > 1 && parts[0] !== 'public') throw unsupported(`schema "${parts[0]}"`);
    switch (kind) {
      case 'OBJECT_TABLE':
      case 'OBJECT_VIEW': {
        const exists = ctx.schema.tables.get(name);
        if (!exists && !missingOk) throw undefinedTable(name);
        if (!exists) continue;
        statements.push(`DROP ${exists.kind === 'view' ? 'VIEW' : 'TABLE'} IF EXISTS ${ident(name)}`, deleteColumns(name), exists.kind === 'view' ? deleteViewDefinition(name) : deleteChecks(name));
        for (const c of exists.columns) {
          const seq = /^nextval\('([^']+)'/.exec(c.defaultExpr ?? '')?.[1];
          if (seq) statements.push(dropSequence(seq));
        }
        edits.push({ table: name, definition: null });
        break;
      }
      case 'OBJECT_INDEX':
        statements.push(`DROP INDEX ${missingOk ? 'IF EXISTS ' : ''}${ident(name)}`);
        break;
      case 'OBJECT_SEQUENCE':
        statements.push(dropSequence(name));
        break;
      default:
        throw unsupported(`DROP ${String(kind).replace('OBJECT_', '')}`);
    }
  }
  const tag = { OBJECT_TABLE: 'DROP TABLE', OBJECT_VIEW: 'DROP VIEW', OBJECT_INDEX: 'DROP INDEX', OBJECT_SEQUENCE: 'DROP SEQUENCE' }[kind ?? ''] ?? 'DROP';
  return { plan: statements.length ? ddlPlan(statements, tag) : { kind: 'noop', tag }, edits };
}

export function compileTruncate(ctx: CompileContext, n: AstObject): DdlResult {
  if (n['behavior'] === 'DROP_CASCADE') throw unsupported('TRUNCATE … CASCADE');
  const statements: string[] = [];
  for (const r of arr(n['relations'])) {
    const name = str(bodyOf(r, 'RangeVar')?.['relname']) ?? '';
    if (!ctx.schema.tables.has(name)) throw undefinedTable(name);
    statements.push(`DELETE FROM ${ident(name)}`);
    if (n['restart_seqs']) {
      statements.push(`DELETE FROM sqlite_sequence WHERE name = ${literal(name)}`);
      for (const c of ctx.schema.tables.get(name)!.columns) {
        const seq = /^nextval\('([^']+)'/.exec(c.defaultExpr ?? '')?.[1];
        if (seq) statements.push(`UPDATE _pgfabric_sequences SET value = 1, called = 0 WHERE name = ${literal(seq)}`);
      }
    }
  }
  return { plan: { ...ddlPlan(statements, 'TRUNCATE TABLE'), schemaChanged: false }, edits: [] };
}

export function compileCreateSequence(_ctx: CompileContext, n: AstObject): DdlResult {
  const name = str(obj(n['sequence'])?.['relname']) ?? '';
  let start: number | null = null;
  let increment = 1;
  for (const o of arr(n['options'])) {
    const d = bodyOf(o, 'DefElem')!;
    const option = str(d['defname']) ?? '';
    const value = numberArg(d['arg']);
    if (option === 'start') start = value;
    else if (option === 'increment') increment = value ?? 1;
    // Bounds and cycling are not kept: a sequence that would stop or wrap is refused rather than run past its bounds.
    else if ((option === 'minvalue' || option === 'maxvalue') && d['arg'] !== undefined) throw unsupported(`CREATE SEQUENCE … ${option.toUpperCase()}`);
    else if (option === 'cycle' && bodyOf(d['arg'], 'Boolean')?.['boolval'] === true) throw unsupported('CREATE SEQUENCE … CYCLE');
    // CACHE, OWNED BY, AS and NO MINVALUE/MAXVALUE change nothing a client can see here.
  }
  if (increment === 0) throw new CompileError('22023', 'INCREMENT must not be zero');
  // A descending sequence starts at its maximum, -1, as in Postgres.
  return { plan: ddlPlan([createSequence(name, start ?? (increment < 0 ? -1 : 1), increment)], 'CREATE SEQUENCE'), edits: [] };
}

/** The number of an option argument (Integer, or Float for values past 32 bits). */
function numberArg(arg: unknown): number | null {
  const i = bodyOf(arg, 'Integer');
  if (i) return typeof i['ival'] === 'number' ? i['ival'] : 0;
  const f = bodyOf(arg, 'Float');
  if (f) return Number(str(f['fval']) ?? '0');
  return null;
}
