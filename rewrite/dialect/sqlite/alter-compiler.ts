// ALTER TABLE (ADD/DROP COLUMN, SET/DROP DEFAULT, ADD PRIMARY KEY/UNIQUE) and RENAME: SQLite's own ALTER where it
// has one, a unique index where it has none, and the metadata rows kept in step.
import type { AstObject } from '../../parser/node-walker.js';
import { arr, bodyOf, obj, str, stringList } from '../../tenant/ast-nodes.js';
import type { CompileContext } from './compile-context.js';
import { coerce } from './coercion.js';
import { CompileError, undefinedTable, unsupported } from './compile-error.js';
import { ddlPlan, expressionText, type DdlResult } from './ddl-compiler.js';
import { compileExpr } from './expr-compiler.js';
import { deleteColumns, insertColumns, renameColumn, renameTable, setDefault } from './metadata.js';
import type { SqliteColumn } from './plan-types.js';
import { displayType } from '../common/pg-types.js';
import { Scope } from '../common/scope.js';
import { ident, literal } from './sql-text.js';
import { resolveTypeName } from '../common/type-names.js';

export function compileAlterTable(ctx: CompileContext, n: AstObject): DdlResult {
  const rv = obj(n['relation']) ?? {};
  const name = str(rv['relname']) ?? '';
  const table = ctx.schema.tables.get(name);
  if (!table) {
    if (n['missing_ok']) return { plan: { kind: 'noop', tag: 'ALTER TABLE' }, edits: [] };
    throw undefinedTable(name);
  }
  let columns = [...table.columns];
  const statements: string[] = [];
  for (const cmdNode of arr(n['cmds'])) {
    const cmd = bodyOf(cmdNode, 'AlterTableCmd')!;
    const sub = str(cmd['subtype']);
    switch (sub) {
      case 'AT_AddColumn': {
        const c = bodyOf(cmd['def'], 'ColumnDef')!;
        const colName = str(c['colname']) ?? '';
        if (columns.some((x) => x.name === colName)) {
          if (cmd['missing_ok']) continue;
          throw new CompileError('42701', `column "${colName}" of relation "${name}" already exists`);
        }
        const { type, serial } = resolveTypeName(c['typeName']);
        if (serial) throw unsupported('adding a serial column');
        const constraints = arr(c['constraints']).map((k) => bodyOf(k, 'Constraint')!);
        const dflt = constraints.find((k) => k['contype'] === 'CONSTR_DEFAULT');
        const notNull = constraints.some((k) => k['contype'] === 'CONSTR_NOTNULL') || c['is_not_null'] === true;
        if (constraints.some((k) => !['CONSTR_DEFAULT', 'CONSTR_NOTNULL', 'CONSTR_NULL'].includes(String(k['contype'])))) throw unsupported(`ADD COLUMN … ${String(constraints.find((k) => !['CONSTR_DEFAULT', 'CONSTR_NOTNULL', 'CONSTR_NULL'].includes(String(k['contype'])))?.['contype']).replace('CONSTR_', '')} constraint`);
        const defaultExpr = dflt ? expressionText(dflt['raw_expr']) : null;
        const value = dflt ? coerce(ctx, compileExpr(ctx, dflt['raw_expr'], new Scope(null)), type, 'assignment').sql : null;
        if (notNull && value === null) throw unsupported('ADD COLUMN … NOT NULL without a default');
        // SQLite's ADD COLUMN takes only a constant default: fill existing rows with the default's value instead.
        const nativeDefault = notNull && value !== null && /^('([^']|'')*'|-?\d+(\.\d+)?)$/.test(value) ? ` NOT NULL DEFAULT ${value}` : '';
        if (notNull && !nativeDefault) throw unsupported('ADD COLUMN … NOT NULL with a non-constant default');
        statements.push(`ALTER TABLE ${ident(name)} ADD COLUMN ${ident(colName)} ${type.storage}${nativeDefault}`);
        if (value !== null && !nativeDefault) statements.push(`UPDATE ${ident(name)} SET ${ident(colName)} = ${value}`);
        const def: SqliteColumn = { name: colName, pgType: displayType(type), notNull, defaultExpr };
        statements.push(...insertColumns(name, [def], columns.length + 1));
        columns = [...columns, def];
        break;
      }
      case 'AT_DropColumn': {
        const colName = str(cmd['name']) ?? '';
        if (!columns.some((c) => c.name === colName)) {
          if (cmd['missing_ok']) continue;
          throw new CompileError('42703', `column "${colName}" of relation "${name}" does not exist`);
        }
        statements.push(`ALTER TABLE ${ident(name)} DROP COLUMN ${ident(colName)}`, deleteColumns(name, colName));
        columns = columns.filter((c) => c.name !== colName);
        break;
      }
      case 'AT_ColumnDefault': {
        const colName = str(cmd['name']) ?? '';
        const col = columns.find((c) => c.name === colName);
        if (!col) throw new CompileError('42703', `column "${colName}" of relation "${name}" does not exist`);
        const defaultExpr = cmd['def'] === undefined ? null : expressionText(cmd['def']);
        statements.push(setDefault(name, colName, defaultExpr));
        columns = columns.map((c) => (c.name === colName ? { ...c, defaultExpr } : c));
        break;
      }
      case 'AT_AddConstraint': {
        const k = bodyOf(cmd['def'], 'Constraint')!;
        const keys = stringList(k['keys']);
        if (k['contype'] === 'CONSTR_PRIMARY' || k['contype'] === 'CONSTR_UNIQUE') {
          // SQLite cannot add a constraint to an existing table; a unique index enforces the same rule.
          const indexName = str(k['conname']) ?? `${name}_${k['contype'] === 'CONSTR_PRIMARY' ? 'pkey' : keys.join('_') + '_key'}`;
          statements.push(`CREATE UNIQUE INDEX ${ident(indexName)} ON ${ident(name)} (${keys.map(ident).join(', ')})`);
          if (k['contype'] === 'CONSTR_PRIMARY') {
            for (const key of keys) statements.push(`UPDATE _pgfabric_columns SET not_null = 1 WHERE table_name = ${literal(name)} AND column_name = ${literal(key)}`);
            columns = columns.map((c) => (keys.includes(c.name) ? { ...c, notNull: true } : c));
          }
          break;
        }
        throw unsupported(`ALTER TABLE … ADD ${String(k['contype']).replace('CONSTR_', '')} constraint`);
      }
      default:
        throw unsupported(`ALTER TABLE ${String(sub).replace('AT_', '')}`);
    }
  }
  return { plan: ddlPlan(statements, 'ALTER TABLE'), edits: [{ table: name, definition: { ...table, columns } }] };
}

export function compileRename(ctx: CompileContext, n: AstObject): DdlResult {
  const type = str(n['renameType']);
  const rv = obj(n['relation']) ?? {};
  const name = str(rv['relname']) ?? '';
  const table = ctx.schema.tables.get(name);
  if (!table) throw undefinedTable(name);
  const newName = str(n['newname']) ?? '';
  if (type === 'OBJECT_TABLE') {
    return {
      plan: ddlPlan([`ALTER TABLE ${ident(name)} RENAME TO ${ident(newName)}`, ...renameTable(name, newName)], 'ALTER TABLE'),
      edits: [{ table: name, definition: null }, { table: newName, definition: { ...table, name: newName } }],
    };
  }
  if (type === 'OBJECT_COLUMN') {
    const from = str(n['subname']) ?? '';
    const columns = table.columns.map((c) => (c.name === from ? { ...c, name: newName } : c));
    return { plan: ddlPlan([`ALTER TABLE ${ident(name)} RENAME COLUMN ${ident(from)} TO ${ident(newName)}`, renameColumn(name, from, newName)], 'ALTER TABLE'), edits: [{ table: name, definition: { ...table, columns } }] };
  }
  throw unsupported(`ALTER … RENAME of ${String(type).replace('OBJECT_', '').toLowerCase()}`);
}
