// The backend's schema as the rewriter sees it: which relations exist, of which kind, with which
// columns (in order). Introspected once per backend by src/ (the rewriter itself does no I/O) and
// replaced as a whole after DDL or RELOAD; `version` is part of every statement-cache key.

export type RelationKind = 'table' | 'view' | 'matview' | 'partitioned' | 'foreign' | 'sequence' | 'other';

export type CatalogRelation = {
  readonly schema: string;
  readonly name: string;
  readonly kind: RelationKind;
  /** Column names in attnum order (dropped columns left out). */
  readonly columns: readonly string[];
  /**
   * Views and materialized views only: true when the view reads, directly or through other views, a
   * relation that has the tenant column. Such a view must expose the tenant column itself, or it is refused.
   */
  readonly readsTenantScoped: boolean;
  /** Temporary relation (schema pg_temp_N); resolved first, as Postgres does. */
  readonly temporary?: boolean;
};

export type Catalog = {
  readonly version: number;
  readonly schemas: ReadonlySet<string>;
  /** Keyed by relationKey(schema, name). */
  readonly relations: ReadonlyMap<string, CatalogRelation>;
  /** Function names per schema (overloads collapsed), for resolving unqualified calls through search_path. */
  readonly functions: ReadonlyMap<string, ReadonlySet<string>>;
};

export function relationKey(schema: string, name: string): string {
  return schema + '.' + name;
}

export function emptyCatalog(version = 0): Catalog {
  return { version, schemas: new Set(['public', 'pg_catalog', 'information_schema']), relations: new Map(), functions: new Map() };
}
