// Reads a SQLite backend's tables and views (with their columns, in order) into the rewriter's Catalog,
// so the tenant rules know which relations carry the tenant column. Everything lives in schema public;
// the connector's metadata tables (_pgfabric_*) are left out. A file that does not exist yet has no relations.
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { emptyCatalog, relationKey, type Catalog, type CatalogRelation } from '../../rewrite/catalog/catalog.js';
import { catalogRelations } from '../../rewrite/dialect/sqlite/catalog-relations.js';

type MasterRow = { name: string; type: 'table' | 'view' };

export function loadSqliteCatalog(file: string, options: { version: number; tenantColumn: string }): Catalog {
  const base = withEmulatedCatalog(emptyCatalog(options.version));
  if (!existsSync(file)) return base;
  const db = new Database(file, { readonly: true, fileMustExist: true, timeout: 1000 });
  try {
    const relations = new Map<string, CatalogRelation>();
    const rows = db
      .prepare("SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE '\\_pgfabric\\_%' ESCAPE '\\'")
      .all() as MasterRow[];
    const tableColumns = new Map<string, readonly string[]>();
    for (const r of rows) {
      const columns = columnsOf(db, r.name);
      tableColumns.set(r.name, columns);
    }
    const scoped = new Set([...tableColumns].filter(([, cols]) => cols.includes(options.tenantColumn)).map(([name]) => name));
    for (const r of rows) {
      const columns = tableColumns.get(r.name) ?? [];
      relations.set(relationKey('public', r.name), {
        schema: 'public',
        name: r.name,
        kind: r.type,
        columns,
        // A view over a tenant-scoped table (by name in its SQL: SQLite keeps no dependency graph).
        readsTenantScoped: r.type === 'view' && viewReadsAny(db, r.name, scoped),
      });
    }
    for (const [key, r] of base.relations) relations.set(key, r);
    return { ...base, relations };
  } finally {
    db.close();
  }
}

function viewReadsAny(db: Database.Database, view: string, tables: ReadonlySet<string>): boolean {
  if (tables.size === 0) return false;
  const row = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'view' AND name = ?").get(view) as { sql: string } | undefined;
  const sql = (row?.sql ?? '').toLowerCase();
  for (const t of tables) if (new RegExp(`\\b${t.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(sql)) return true;
  return false;
}

/** The pg_catalog and information_schema relations the SQLite connector emulates: queries may name them. */
function withEmulatedCatalog(base: Catalog): Catalog {
  const relations = new Map<string, CatalogRelation>();
  for (const r of catalogRelations()) relations.set(relationKey(r.schema, r.name), { schema: r.schema, name: r.name, kind: 'view', columns: r.columns, readsTenantScoped: false });
  return { ...base, relations };
}

/** A view's columns need its SELECT compiled, which fails here (no pgf_* functions on this connection): the metadata table has them. */
function columnsOf(db: Database.Database, name: string): string[] {
  try {
    return (db.prepare(`PRAGMA table_info("${name.replaceAll('"', '""')}")`).all() as { name: string }[]).map((c) => c.name);
  } catch (err) {
    const declared = db.prepare('SELECT column_name FROM _pgfabric_columns WHERE table_name = ? ORDER BY position').pluck().all(name) as string[];
    if (declared.length === 0) throw err;
    return declared;
  }
}
