// Worker side: the file's metadata tables (created when absent) and its tables and views as the
// compiler sees them — Postgres types from _pgfabric_columns, or mapped from SQLite's declared type
// for tables created outside pgfabric.
import type Database from 'better-sqlite3';
import type { SchemaRows } from './worker-messages.js';

export const METADATA_DDL = `
CREATE TABLE IF NOT EXISTS _pgfabric_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, position INTEGER NOT NULL,
  pg_type TEXT NOT NULL, not_null INTEGER NOT NULL DEFAULT 0, default_expr TEXT, PRIMARY KEY (table_name, column_name));
CREATE TABLE IF NOT EXISTS _pgfabric_sequences (name TEXT PRIMARY KEY, value INTEGER NOT NULL, increment INTEGER NOT NULL DEFAULT 1,
  called INTEGER NOT NULL DEFAULT 0);
-- CHECK constraints as Postgres names and prints them (SQLite keeps only the compiled expression).
CREATE TABLE IF NOT EXISTS _pgfabric_checks (table_name TEXT NOT NULL, name TEXT NOT NULL, column_name TEXT, definition TEXT NOT NULL,
  PRIMARY KEY (table_name, name));
-- Each view's Postgres definition (pg_get_viewdef; SQLite keeps only the compiled SQLite).
CREATE TABLE IF NOT EXISTS _pgfabric_views (name TEXT PRIMARY KEY, definition TEXT NOT NULL);
-- Never used: it makes SQLite create sqlite_sequence, which TRUNCATE … RESTART IDENTITY resets.
CREATE TABLE IF NOT EXISTS _pgfabric_autoincrement (id INTEGER PRIMARY KEY AUTOINCREMENT);`;

type MasterRow = { name: string; type: 'table' | 'view' };
type MetaRow = { table_name: string; column_name: string; pg_type: string; not_null: number; default_expr: string | null };
type InfoRow = { name: string; type: string; notnull: number; dflt_value: string | null; pk: number };

export function readSchema(db: Database.Database): SchemaRows {
  const relations = db
    .prepare("SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE '\\_pgfabric\\_%' ESCAPE '\\' ORDER BY name")
    .all() as MasterRow[];
  const meta = new Map<string, MetaRow[]>();
  for (const row of db.prepare('SELECT table_name, column_name, pg_type, not_null, default_expr FROM _pgfabric_columns ORDER BY table_name, position').all() as MetaRow[]) {
    const list = meta.get(row.table_name) ?? [];
    list.push(row);
    meta.set(row.table_name, list);
  }
  return relations.map((r) => {
    const declared = meta.get(r.name);
    if (declared) {
      return { name: r.name, kind: r.type, columns: declared.map((c) => ({ name: c.column_name, pgType: c.pg_type, notNull: c.not_null !== 0, defaultExpr: c.default_expr })) };
    }
    const info = db.prepare(`PRAGMA table_info("${r.name.replaceAll('"', '""')}")`).all() as InfoRow[];
    return {
      name: r.name,
      kind: r.type,
      columns: info.map((c) => ({ name: c.name, pgType: pgTypeOfDeclared(c.type), notNull: c.notnull !== 0 || c.pk > 0, defaultExpr: c.dflt_value })),
    };
  });
}

// Declared types that already name a Postgres type are kept (a file written by hand with `boolean`,
// `timestamp`, `varchar(20)`); others by SQLite's affinity rules.
const PG_NAMES = /^(smallint|integer|bigint|int2|int4|int8|boolean|bool|real|double precision|float4|float8|numeric|decimal|text|varchar|character varying|char|character|bytea|date|time|timestamp|timestamptz|interval|uuid|json|jsonb)\b/;

export function pgTypeOfDeclared(declared: string): string {
  const lower = declared.trim().toLowerCase();
  if (PG_NAMES.test(lower)) return lower;
  if (lower.includes('int')) return 'bigint';
  if (lower.includes('char') || lower.includes('clob') || lower.includes('text') || lower === '') return 'text';
  if (lower.includes('blob')) return 'bytea';
  if (lower.includes('real') || lower.includes('floa') || lower.includes('doub')) return 'double precision';
  return 'numeric';
}

/** The Postgres-style name of the unique index on (table, columns): an explicit index's own name, else `t_pkey` / `t_a_b_key`. */
/** The table a named CHECK constraint belongs to, or null. */
export function checkTableOf(db: Database.Database, name: string): string | null {
  try {
    const row = db.prepare('SELECT table_name FROM _pgfabric_checks WHERE name = ?').get(name) as { table_name: string } | undefined;
    return row?.table_name ?? null;
  } catch {
    return null;
  }
}

export function uniqueIndexName(db: Database.Database, table: string, columns: readonly string[]): string {
  try {
    const indexes = db.prepare(`PRAGMA index_list("${table.replaceAll('"', '""')}")`).all() as { name: string; unique: number; origin: string }[];
    for (const index of indexes) {
      if (!index.unique) continue;
      const cols = (db.prepare(`PRAGMA index_info("${index.name.replaceAll('"', '""')}")`).all() as { name: string }[]).map((c) => c.name);
      if (cols.join(',') !== columns.join(',')) continue;
      if (index.origin === 'pk') return `${table}_pkey`;
      if (index.origin === 'c') return index.name;
      return `${table}_${columns.join('_')}_key`;
    }
  } catch {
    // fall through to the conventional name
  }
  return `${table}_${columns.join('_')}_key`;
}
