// Reads a SQL Server backend's tables and views into the rewriter's Catalog, so the tenant rules know
// which relations carry the tenant column: the server model (schema dbo as public), which views read which
// relations (sys.sql_expression_dependencies, followed through views), and the pg_catalog /
// information_schema relations the catalog mirror emulates (queries may name them).
import mssql from 'mssql';
import { readServerModel } from '../../connectors/mssql/catalog/mssql-schema-reader.js';
import { pgSchemaName, type ServerModel } from '../../connectors/mssql/catalog/server-model.js';
import { objectRows } from '../../connectors/mssql/mssql-backend.js';
import { mssqlPoolConfig, parseMssqlBackendUrl } from '../../connectors/mssql/mssql-config.js';
import { emptyCatalog, relationKey, type Catalog, type CatalogRelation } from '../../rewrite/catalog/catalog.js';
import { catalogRelations } from '../../rewrite/dialect/sqlite/catalog-relations.js';

/** A view and a relation it reads, in Postgres schema terms. */
export type ViewDependency = { readonly viewSchema: string; readonly view: string; readonly schema: string; readonly name: string };

const VIEW_DEPENDENCIES = `SELECT vs.name AS view_schema, v.name AS view_name, rs.name AS ref_schema, ro.name AS ref_name
FROM sys.sql_expression_dependencies AS d
JOIN sys.views AS v ON v.object_id = d.referencing_id
JOIN sys.schemas AS vs ON vs.schema_id = v.schema_id
JOIN sys.objects AS ro ON ro.object_id = d.referenced_id
JOIN sys.schemas AS rs ON rs.schema_id = ro.schema_id
WHERE ro.type IN ('U', 'V')`;

export async function loadMssqlCatalog(url: string, options: { version: number; tenantColumn: string; backend: string }): Promise<Catalog> {
  const parsed = parseMssqlBackendUrl(url);
  if (!parsed.ok) throw new Error(parsed.message);
  const pool = new mssql.ConnectionPool({ ...mssqlPoolConfig(parsed.value), pool: { max: 1, min: 0 } });
  pool.on('error', () => undefined);
  try {
    await pool.connect();
  } catch (err) {
    await pool.close().catch(() => undefined);
    throw new Error(`SQL Server backend "${options.backend}" is not reachable: ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    const run = objectRows(() => pool.request());
    const model = await readServerModel(run);
    const dependencies = (await run(VIEW_DEPENDENCIES)).map((r) => ({
      viewSchema: pgSchemaName(String(r.view_schema)),
      view: String(r.view_name),
      schema: pgSchemaName(String(r.ref_schema)),
      name: String(r.ref_name),
    }));
    return mssqlCatalogOf(model, dependencies, options);
  } finally {
    await pool.close().catch(() => undefined);
  }
}

/** The Catalog of a server model (pure: tested without a server). */
export function mssqlCatalogOf(model: ServerModel, dependencies: readonly ViewDependency[], options: { version: number; tenantColumn: string }): Catalog {
  const base = emptyCatalog(options.version);
  const relations = new Map<string, CatalogRelation>();
  const schemas = new Set(base.schemas);
  const scoped = new Set(model.tables.filter((t) => t.columns.some((c) => c.name === options.tenantColumn)).map((t) => relationKey(t.schema, t.name)));
  const reads = new Map<string, string[]>();
  for (const d of dependencies) {
    const key = relationKey(d.viewSchema, d.view);
    reads.set(key, [...(reads.get(key) ?? []), relationKey(d.schema, d.name)]);
  }
  for (const t of model.tables) {
    const key = relationKey(t.schema, t.name);
    schemas.add(t.schema);
    relations.set(key, { schema: t.schema, name: t.name, kind: t.kind, columns: t.columns.map((c) => c.name), readsTenantScoped: t.kind === 'view' && readsScoped(key, reads, scoped, new Set()) });
  }
  for (const r of catalogRelations()) relations.set(relationKey(r.schema, r.name), { schema: r.schema, name: r.name, kind: 'view', columns: r.columns, readsTenantScoped: false });
  return { ...base, schemas, relations };
}

/** A view reads a tenant-scoped relation directly or through other views. */
function readsScoped(key: string, reads: ReadonlyMap<string, string[]>, scoped: ReadonlySet<string>, seen: Set<string>): boolean {
  if (seen.has(key)) return false;
  seen.add(key);
  return (reads.get(key) ?? []).some((r) => scoped.has(r) || readsScoped(r, reads, scoped, seen));
}
