// ALTER TABLE (columns, defaults, NOT NULL, constraints) and renames (sp_rename) in T-SQL. SQL Server's ALTER
// COLUMN restates the type and nullability, so both come from the schema the compiler was given.
import type { AstObject } from '../../parser/node-walker.js';
import { arr, bodyOf, obj, str, stringList } from '../../tenant/ast-nodes.js';
import { CompileError, undefinedTable, unsupported } from '../common/compile-error.js';
import { Scope } from '../common/scope.js';
import { resolveTypeName, typeFromDisplay } from '../common/type-names.js';
import type { TsqlContext } from './context.js';
import { bareColumns, constraintSql, defaultSql, type ConstraintSite } from './ddl-compiler.js';
import type { MssqlTable, RunPlan } from './plan-types.js';
import { runPlan } from './run-plan.js';
import { ident, literal, tableName } from './tsql-text.js';
import { tsqlType } from './tsql-types.js';

export function compileAlterTable(ctx: TsqlContext, n: AstObject): RunPlan {
  if (str(n['objtype']) !== 'OBJECT_TABLE') throw unsupported(`ALTER ${str(n['objtype'])?.replace('OBJECT_', '') ?? ''}`);
  const rel = obj(n['relation']) ?? {};
  const table = ctx.table(str(rel['schemaname']) ?? null, str(rel['relname']) ?? '');
  if (!table) {
    if (n['missing_ok'] === true) return runPlan(ctx, 'SELECT 1 WHERE 1 = 0', null, { kind: 'fixed', tag: 'ALTER TABLE' }, { readOnly: true });
    throw undefinedTable(str(rel['relname']) ?? '');
  }
  const target = tableName(table.schema, table.name);
  const statements = arr(n['cmds']).flatMap((c) => command(ctx, table, target, bodyOf(c, 'AlterTableCmd') ?? {}));
  // The variable the DEFAULT-constraint lookups share (declared once: a batch cannot declare it twice).
  if (statements.some((st) => st.includes('@pgf_df'))) statements.unshift('DECLARE @pgf_df nvarchar(max)');
  return runPlan(ctx, statements.join('; '), null, { kind: 'fixed', tag: 'ALTER TABLE' }, { readOnly: false, schemaChanged: true });
}

function command(ctx: TsqlContext, table: MssqlTable, target: string, cmd: AstObject): string[] {
  const name = str(cmd['name']) ?? '';
  const column = () => {
    const col = table.columns.find((c) => c.name === name);
    if (!col) throw new CompileError('42703', `column "${name}" of relation "${table.name}" does not exist`);
    return col;
  };
  const dropDefault = dropDefaultSql(target, name);
  switch (str(cmd['subtype'])) {
    case 'AT_AddColumn': {
      const def = bodyOf(cmd['def'], 'ColumnDef') ?? {};
      const colName = str(def['colname']) ?? '';
      const { type, serial } = resolveTypeName(def['typeName']);
      const constraints = arr(def['constraints']).map((c) => bodyOf(c, 'Constraint') ?? {});
      const notNull = def['is_not_null'] === true || constraints.some((c) => str(c['contype']) === 'CONSTR_NOTNULL');
      const dflt = constraints.find((c) => str(c['contype']) === 'CONSTR_DEFAULT');
      if (serial) throw unsupported('adding a serial column');
      const scope = new Scope(null);
      const site: ConstraintSite = { target, nullable: (c) => (c === colName ? !notNull : table.columns.find((x) => x.name === c)?.notNull !== true), after: [] };
      const others = constraints
        .filter((c) => !['CONSTR_NOTNULL', 'CONSTR_NULL', 'CONSTR_DEFAULT'].includes(str(c['contype']) ?? ''))
        .map((c) => constraintSql(ctx, table.name, c, scope, colName, site))
        .filter((sql): sql is string => sql !== null)
        .map((sql) => ', ' + sql);
      const defaultPart = dflt ? ` CONSTRAINT ${ident(`DF_${table.name}_${colName}`)} DEFAULT (${defaultSql(ctx, dflt['raw_expr'], type)})` : '';
      // Postgres fills existing rows with the default; T-SQL does so for a NOT NULL column, or when told WITH VALUES.
      // A text column in a key cannot be nvarchar(max) (index keys are at most 900 bytes), as in CREATE TABLE.
      const keyed = constraints.some((c) => ['CONSTR_PRIMARY', 'CONSTR_UNIQUE'].includes(str(c['contype']) ?? ''));
      const add = `ALTER TABLE ${target} ADD ${ident(colName)} ${keyed && type.name === 'text' ? 'nvarchar(450)' : tsqlType(type)} ${notNull ? 'NOT NULL' : 'NULL'}${defaultPart}${dflt && !notNull ? ' WITH VALUES' : ''}${others.join('')}`;
      const statements = [add, ...site.after];
      return cmd['missing_ok'] === true ? [`IF COL_LENGTH(${literal(target)}, ${literal(colName)}) IS NULL BEGIN ${statements.join('; ')}; END`] : statements;
    }
    case 'AT_DropColumn': {
      if (str(cmd['behavior']) === 'DROP_CASCADE') throw unsupported('DROP COLUMN … CASCADE');
      if (!table.columns.some((c) => c.name === name) && cmd['missing_ok'] !== true) column();
      const drop = [dropDefault, `ALTER TABLE ${target} DROP COLUMN ${ident(name)}`];
      // IF EXISTS: the column may exist on the server though not in the schema the compiler was given.
      return cmd['missing_ok'] === true ? [`IF COL_LENGTH(${literal(target)}, ${literal(name)}) IS NOT NULL BEGIN ${drop.join('; ')}; END`] : drop;
    }
    case 'AT_AlterColumnType': {
      const col = column();
      const def = bodyOf(cmd['def'], 'ColumnDef') ?? {};
      if (def['raw_default']) throw unsupported('ALTER COLUMN … TYPE … USING');
      const { type } = resolveTypeName(def['typeName']);
      return [`ALTER TABLE ${target} ALTER COLUMN ${ident(name)} ${tsqlType(type)} ${col.notNull ? 'NOT NULL' : 'NULL'}`];
    }
    case 'AT_SetNotNull':
    case 'AT_DropNotNull': {
      const col = column();
      return [`ALTER TABLE ${target} ALTER COLUMN ${ident(name)} ${tsqlType(typeFromDisplay(col.pgType))} ${str(cmd['subtype']) === 'AT_SetNotNull' ? 'NOT NULL' : 'NULL'}`];
    }
    case 'AT_ColumnDefault': {
      const col = column();
      if (!cmd['def']) return [dropDefault];
      return [dropDefault, `ALTER TABLE ${target} ADD CONSTRAINT ${ident(`DF_${table.name}_${name}`)} DEFAULT (${defaultSql(ctx, cmd['def'], typeFromDisplay(col.pgType))}) FOR ${ident(name)}`];
    }
    case 'AT_AddConstraint': {
      const scope = new Scope(null);
      scope.add(bareColumns(table.name, table.columns.map((c) => ({ name: c.name, type: typeFromDisplay(c.pgType) }))));
      const site: ConstraintSite = { target, nullable: (c) => table.columns.find((x) => x.name === c)?.notNull !== true, after: [] };
      const def = bodyOf(cmd['def'], 'Constraint') ?? {};
      // ADD PRIMARY KEY makes its columns NOT NULL in Postgres; SQL Server wants them NOT NULL first.
      const notNull = str(def['contype']) === 'CONSTR_PRIMARY' ? table.columns.filter((c) => !c.notNull && stringList(def['keys']).includes(c.name)).map((c) => `ALTER TABLE ${target} ALTER COLUMN ${ident(c.name)} ${tsqlType(typeFromDisplay(c.pgType))} NOT NULL`) : [];
      const sql = constraintSql(ctx, table.name, def, scope, null, site);
      return [...notNull, ...(sql === null ? [] : [`ALTER TABLE ${target} ADD ${sql}`]), ...site.after];
    }
    case 'AT_DropConstraint':
      if (str(cmd['behavior']) === 'DROP_CASCADE') throw unsupported('DROP CONSTRAINT … CASCADE');
      return [`ALTER TABLE ${target} DROP CONSTRAINT ${cmd['missing_ok'] === true ? 'IF EXISTS ' : ''}${ident(name)}`];
    default:
      throw unsupported(`ALTER TABLE ${str(cmd['subtype'])?.replace('AT_', '') ?? ''}`);
  }
}

/**
 * Drops a column's DEFAULT constraint whatever its name: pgfabric names its own DF_<table>_<column>, but a table
 * made outside pgfabric has SQL Server's generated names (DF__orders__statu__1A2B3C4D).
 */
function dropDefaultSql(target: string, column: string): string {
  const lookup = `SELECT @pgf_df = N'ALTER TABLE ${target.replaceAll("'", "''")} DROP CONSTRAINT ' + QUOTENAME(d.name) FROM sys.default_constraints AS d INNER JOIN sys.columns AS c ON c.object_id = d.parent_object_id AND c.column_id = d.parent_column_id WHERE d.parent_object_id = OBJECT_ID(${literal(target)}) AND c.name = ${literal(column)}`;
  return `SET @pgf_df = NULL; ${lookup}; IF @pgf_df IS NOT NULL EXEC sp_executesql @pgf_df`;
}

export function compileRename(ctx: TsqlContext, n: AstObject): RunPlan {
  const type = str(n['renameType']);
  const rel = obj(n['relation']) ?? {};
  const table = ctx.table(str(rel['schemaname']) ?? null, str(rel['relname']) ?? '');
  if (!table) throw undefinedTable(str(rel['relname']) ?? '');
  const schema = table.schema === 'public' ? 'dbo' : table.schema;
  const newName = str(n['newname']) ?? '';
  switch (type) {
    case 'OBJECT_COLUMN': {
      const old = str(n['subname']) ?? '';
      if (!table.columns.some((c) => c.name === old)) throw new CompileError('42703', `column "${old}" does not exist`);
      return runPlan(ctx, `EXEC sp_rename @objname = ${literal(`${schema}.${table.name}.${old}`)}, @newname = ${literal(newName)}, @objtype = N'COLUMN'`, null, { kind: 'fixed', tag: 'ALTER TABLE' }, { readOnly: false, schemaChanged: true });
    }
    case 'OBJECT_TABLE':
    case 'OBJECT_VIEW':
      return runPlan(ctx, `EXEC sp_rename @objname = ${literal(`${schema}.${table.name}`)}, @newname = ${literal(newName)}`, null, { kind: 'fixed', tag: type === 'OBJECT_VIEW' ? 'ALTER VIEW' : 'ALTER TABLE' }, { readOnly: false, schemaChanged: true });
    default:
      throw unsupported(`renaming a ${type?.replace('OBJECT_', '').toLowerCase() ?? 'thing'}`);
  }
}
