// Reads a Postgres backend's catalog (schemas, relations with their columns, functions) into the
// rewriter's Catalog, in one round trip (see postgres-catalog-query.ts for the SQL and its choices).
// The client is typed structurally, so a pg Client, a pg Pool or a pool checkout all fit and this
// file does not import a driver. Rows are validated at runtime: a driver or server that answers in
// an unexpected shape fails here, loudly, instead of handing the rewriter a half-empty catalog.
import { z } from 'zod';
import { relationKey, type Catalog, type CatalogRelation, type RelationKind } from '../../rewrite/catalog/catalog.js';
import { POSTGRES_CATALOG_QUERY } from './postgres-catalog-query.js';

/** The subset of a node-postgres Client / Pool that the loader needs. */
export type CatalogQueryClient = {
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
};

export type PostgresCatalogOptions = {
  /** Stamped on the result; the statement cache keys on it. */
  readonly version: number;
  /** The column that marks a relation as tenant-scoped (matched exactly, as a catalog name). */
  readonly tenantColumn: string;
};

const RELKIND_TO_KIND = {
  r: 'table',
  v: 'view',
  m: 'matview',
  p: 'partitioned',
  f: 'foreign',
  S: 'sequence',
} as const satisfies Record<string, RelationKind>;

const relkindSchema = z.enum(['r', 'v', 'm', 'p', 'f', 'S']);

// node-postgres parses json columns; a client that does not hands over the text, hence the preprocess.
// Text that is not JSON is passed on unchanged, so it is reported as a shape error like any other.
function jsonColumn<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (typeof value === 'string' ? parseJsonOrKeep(value) : value), schema);
}

function parseJsonOrKeep(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

const catalogRowSchema = z.object({
  schemas: jsonColumn(z.array(z.string())),
  relations: jsonColumn(
    z.array(
      z.object({
        schema: z.string(),
        name: z.string(),
        kind: relkindSchema,
        columns: z.array(z.string()),
        readsTenantScoped: z.boolean(),
      }),
    ),
  ),
  functions: jsonColumn(z.record(z.string(), z.array(z.string()))),
});

export async function loadPostgresCatalog(client: CatalogQueryClient, options: PostgresCatalogOptions): Promise<Catalog> {
  const result = await client.query(POSTGRES_CATALOG_QUERY, [options.tenantColumn]);
  if (result.rows.length !== 1) {
    throw new Error(`catalog query returned ${result.rows.length} rows, expected exactly 1`);
  }
  const parsed = catalogRowSchema.safeParse(result.rows[0]);
  if (!parsed.success) {
    throw new Error(`catalog query returned an unexpected shape: ${z.prettifyError(parsed.error)}`);
  }
  const row = parsed.data;

  const relations = new Map<string, CatalogRelation>();
  for (const r of row.relations) {
    relations.set(relationKey(r.schema, r.name), {
      schema: r.schema,
      name: r.name,
      kind: RELKIND_TO_KIND[r.kind],
      columns: r.columns,
      readsTenantScoped: r.readsTenantScoped,
    });
  }
  const functions = new Map<string, ReadonlySet<string>>();
  for (const [schema, names] of Object.entries(row.functions)) {
    functions.set(schema, new Set(names));
  }
  return { version: options.version, schemas: new Set(row.schemas), relations, functions };
}
