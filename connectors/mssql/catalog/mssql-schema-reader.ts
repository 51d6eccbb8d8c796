// Reads a SQL Server database's schema from sys.* (SQL Server 2019+ / Azure SQL): five queries, one per
// concern, whose rows modelFromRows turns into a ServerModel (pure, so it is tested without a server),
// and the compiler's view of it (toMssqlSchema). System objects (is_ms_shipped, sysdiagrams) are skipped.
import type { MssqlColumn, MssqlSchema, MssqlTable } from '../mssql-plan.js';
import { pgTypeOfServer } from '../mssql-type-names.js';
import { pgSchemaName, type ReferentialAction, type ServerCheck, type ServerColumn, type ServerForeignKey, type ServerIndex, type ServerKey, type ServerModel, type ServerTable } from './server-model.js';

export type Row = Record<string, unknown>;
export type RunTsql = (tsql: string) => Promise<Row[]>;

/** User objects only: shipped objects and the diagram support table SSMS adds are not the application's. */
const USER_OBJECT = `o.is_ms_shipped = 0 AND NOT (o.name = N'sysdiagrams' AND s.name = N'dbo')`;

export const SCHEMA_QUERIES = {
  relations: `SELECT s.name AS schema_name, o.name AS table_name, RTRIM(o.type) AS type
FROM sys.objects AS o JOIN sys.schemas AS s ON s.schema_id = o.schema_id
WHERE o.type IN ('U', 'V') AND ${USER_OBJECT}
ORDER BY s.name, o.name`,
  // Alias types are reported as their base type; max_length is in bytes (nchar/nvarchar: two per character).
  columns: `SELECT s.name AS schema_name, o.name AS table_name, c.name AS column_name, c.column_id,
  CASE WHEN t.is_user_defined = 1 THEN TYPE_NAME(t.system_type_id) ELSE t.name END AS type_name,
  c.max_length, c.precision, c.scale, c.is_nullable, c.is_identity, c.is_computed, dc.definition AS default_definition
FROM sys.columns AS c
JOIN sys.objects AS o ON o.object_id = c.object_id
JOIN sys.schemas AS s ON s.schema_id = o.schema_id
JOIN sys.types AS t ON t.user_type_id = c.user_type_id
LEFT JOIN sys.default_constraints AS dc ON dc.object_id = c.default_object_id
WHERE o.type IN ('U', 'V') AND ${USER_OBJECT}
ORDER BY s.name, o.name, c.column_id`,
  // Rowstore indexes (clustered, nonclustered) with their key columns in order; included columns, hypothetical and
  // disabled indexes are left out, and filtered ones except unique indexes (kept here, judged by addIndexes: see
  // nullTolerantUnique).
  indexes: `SELECT s.name AS schema_name, o.name AS table_name, i.name AS index_name, i.index_id,
  i.is_primary_key, i.is_unique_constraint, i.is_unique, i.has_filter, i.filter_definition, ic.key_ordinal, col.name AS column_name
FROM sys.indexes AS i
JOIN sys.objects AS o ON o.object_id = i.object_id
JOIN sys.schemas AS s ON s.schema_id = o.schema_id
JOIN sys.index_columns AS ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id AND ic.key_ordinal > 0
JOIN sys.columns AS col ON col.object_id = ic.object_id AND col.column_id = ic.column_id
WHERE o.type = 'U' AND ${USER_OBJECT} AND i.type IN (1, 2) AND i.is_hypothetical = 0 AND i.is_disabled = 0 AND (i.has_filter = 0 OR i.is_unique = 1)
ORDER BY s.name, o.name, i.index_id, ic.key_ordinal`,
  foreignKeys: `SELECT s.name AS schema_name, o.name AS table_name, fk.name AS constraint_name, fkc.constraint_column_id,
  pc.name AS column_name, rs.name AS ref_schema_name, ro.name AS ref_table_name, rc.name AS ref_column_name,
  fk.update_referential_action_desc AS on_update, fk.delete_referential_action_desc AS on_delete
FROM sys.foreign_keys AS fk
JOIN sys.objects AS o ON o.object_id = fk.parent_object_id
JOIN sys.schemas AS s ON s.schema_id = o.schema_id
JOIN sys.objects AS ro ON ro.object_id = fk.referenced_object_id
JOIN sys.schemas AS rs ON rs.schema_id = ro.schema_id
JOIN sys.foreign_key_columns AS fkc ON fkc.constraint_object_id = fk.object_id
JOIN sys.columns AS pc ON pc.object_id = fkc.parent_object_id AND pc.column_id = fkc.parent_column_id
JOIN sys.columns AS rc ON rc.object_id = fkc.referenced_object_id AND rc.column_id = fkc.referenced_column_id
WHERE ${USER_OBJECT} AND fk.is_disabled = 0
ORDER BY s.name, o.name, fk.name, fkc.constraint_column_id`,
  checks: `SELECT s.name AS schema_name, o.name AS table_name, cc.name AS constraint_name, cc.definition, col.name AS column_name
FROM sys.check_constraints AS cc
JOIN sys.objects AS o ON o.object_id = cc.parent_object_id
JOIN sys.schemas AS s ON s.schema_id = o.schema_id
LEFT JOIN sys.columns AS col ON col.object_id = cc.parent_object_id AND col.column_id = cc.parent_column_id
WHERE ${USER_OBJECT} AND cc.is_disabled = 0
ORDER BY s.name, o.name, cc.name`,
} as const;

export type SchemaRows = { readonly [K in keyof typeof SCHEMA_QUERIES]: readonly Row[] };

export async function readServerModel(run: RunTsql): Promise<ServerModel> {
  const rows: Record<string, Row[]> = {};
  for (const [name, tsql] of Object.entries(SCHEMA_QUERIES)) rows[name] = await run(tsql);
  return modelFromRows(rows as unknown as SchemaRows);
}

type MutableTable = { -readonly [K in keyof ServerTable]: K extends 'schema' | 'name' | 'kind' | 'primaryKey' ? ServerTable[K] : ServerTable[K] extends readonly (infer T)[] ? T[] : never };

export function modelFromRows(rows: SchemaRows): ServerModel {
  const tables = new Map<string, MutableTable>();
  const keyOf = (r: Row): string => `${str(r['schema_name'])}.${str(r['table_name'])}`;
  for (const r of rows.relations) {
    tables.set(keyOf(r), {
      schema: pgSchemaName(str(r['schema_name'])), name: str(r['table_name']), kind: str(r['type']).trim() === 'V' ? 'view' : 'table',
      columns: [], primaryKey: null, uniqueConstraints: [], foreignKeys: [], indexes: [], checks: [],
    });
  }
  for (const r of rows.columns) tables.get(keyOf(r))?.columns.push(columnOf(r));
  addIndexes(tables, rows.indexes, keyOf);
  for (const [key, group] of groupBy(rows.foreignKeys, (r) => `${keyOf(r)}\u0000${str(r['constraint_name'])}`)) {
    const t = tables.get(key.split('\u0000')[0]!);
    if (t) t.foreignKeys.push(foreignKeyOf(group));
  }
  for (const r of rows.checks) {
    const check: ServerCheck = { name: str(r['constraint_name']), definition: str(r['definition']), column: r['column_name'] == null ? null : str(r['column_name']) };
    tables.get(keyOf(r))?.checks.push(check);
  }
  return { tables: [...tables.values()] };
}

function columnOf(r: Row): ServerColumn {
  const typeName = str(r['type_name']).toLowerCase();
  const bytes = num(r['max_length']);
  const wide = typeName === 'nchar' || typeName === 'nvarchar';
  const sized = wide || ['char', 'varchar', 'binary', 'varbinary'].includes(typeName);
  const maxLength = !sized || bytes === null ? null : bytes < 0 ? -1 : wide ? bytes / 2 : bytes;
  const numeric = typeName === 'decimal' || typeName === 'numeric';
  return {
    name: str(r['column_name']), typeName, maxLength, precision: numeric ? num(r['precision']) : null, scale: numeric ? num(r['scale']) : null,
    nullable: bool(r['is_nullable']), defaultDefinition: r['default_definition'] == null ? null : str(r['default_definition']),
    identity: bool(r['is_identity']), computed: bool(r['is_computed']),
  };
}

function addIndexes(tables: Map<string, MutableTable>, rows: readonly Row[], keyOf: (r: Row) => string): void {
  for (const [key, group] of groupBy(rows, (r) => `${keyOf(r)}\u0000${str(r['index_id'])}`)) {
    const t = tables.get(key.split('\u0000')[0]!);
    const first = group[0]!;
    if (!t || first['index_name'] == null) continue;
    const columns = [...group].sort((a, b) => (num(a['key_ordinal']) ?? 0) - (num(b['key_ordinal']) ?? 0)).map((g) => str(g['column_name']));
    const key2: ServerKey = { name: str(first['index_name']), columns };
    if (bool(first['has_filter'])) {
      // pgfabric writes a Postgres UNIQUE over nullable columns as a unique index WHERE every key IS NOT NULL:
      // that one is a unique constraint to Postgres; any other filter cannot be shown, and is left out.
      if (bool(first['is_unique']) && nullTolerantUnique(str(first['filter_definition']), columns)) t.uniqueConstraints.push(key2);
      continue;
    }
    if (bool(first['is_primary_key'])) t.primaryKey = key2;
    else if (bool(first['is_unique_constraint'])) t.uniqueConstraints.push(key2);
    else t.indexes.push({ ...key2, unique: bool(first['is_unique']) } satisfies ServerIndex);
  }
}

/** True when a filter (as SQL Server stores it: `([a] IS NOT NULL AND [b] IS NOT NULL)`) only leaves out NULL keys. */
export function nullTolerantUnique(filter: string, columns: readonly string[]): boolean {
  const inner = filter.trim().replace(/^\((.*)\)$/s, '$1');
  const terms = inner.split(/\s+AND\s+/i).map((t) => /^\(?\[((?:[^\]]|\]\])+)\] IS NOT NULL\)?$/i.exec(t.trim())?.[1]?.replaceAll(']]', ']') ?? null);
  return terms.length > 0 && terms.every((t) => t !== null && columns.includes(t));
}

function foreignKeyOf(group: readonly Row[]): ServerForeignKey {
  const sorted = [...group].sort((a, b) => (num(a['constraint_column_id']) ?? 0) - (num(b['constraint_column_id']) ?? 0));
  const first = sorted[0]!;
  return {
    name: str(first['constraint_name']), columns: sorted.map((g) => str(g['column_name'])),
    refSchema: pgSchemaName(str(first['ref_schema_name'])), refTable: str(first['ref_table_name']), refColumns: sorted.map((g) => str(g['ref_column_name'])),
    onUpdate: actionOf(first['on_update']), onDelete: actionOf(first['on_delete']),
  };
}

/** sys.foreign_keys spells actions NO_ACTION, CASCADE, SET_NULL, SET_DEFAULT. */
function actionOf(v: unknown): ReferentialAction {
  const a = str(v).replace(/_/g, ' ').toUpperCase();
  return a === 'CASCADE' || a === 'SET NULL' || a === 'SET DEFAULT' ? a : 'NO ACTION';
}

/** The compiler's view of the model: Postgres types, and the keys an ON CONFLICT may name (primary key first). */
export function toMssqlSchema(model: ServerModel, version: number): MssqlSchema {
  const tables = new Map<string, MssqlTable>();
  for (const t of model.tables) {
    const columns: MssqlColumn[] = t.columns.map((c) => ({
      name: c.name, pgType: pgTypeOfServer(c.typeName, c.maxLength, c.precision, c.scale).display, notNull: !c.nullable, identity: c.identity,
      hasDefault: c.defaultDefinition !== null || c.identity || c.computed || c.typeName === 'timestamp' || c.typeName === 'rowversion',
    }));
    const uniqueKeys = [...(t.primaryKey ? [t.primaryKey.columns] : []), ...t.uniqueConstraints.map((k) => k.columns), ...t.indexes.filter((i) => i.unique).map((i) => i.columns)];
    tables.set(`${t.schema}.${t.name}`, { schema: t.schema, name: t.name, kind: t.kind, columns, uniqueKeys });
  }
  return { version, tables };
}

function groupBy(rows: readonly Row[], key: (r: Row) => string): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const r of rows) {
    const k = key(r);
    const list = groups.get(k);
    if (list) list.push(r);
    else groups.set(k, [r]);
  }
  return groups;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : v == null ? '' : String(v);
}

function num(v: unknown): number | null {
  if (v == null) return null;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : null;
}

/** tedious gives bit columns as booleans; rows written by hand may use 0/1. */
function bool(v: unknown): boolean {
  return v === true || v === 1 || v === '1' || v === 'true';
}
