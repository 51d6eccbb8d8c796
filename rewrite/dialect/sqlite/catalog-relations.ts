// The emulated pg_catalog and information_schema relations (tables the SQLite connector keeps in an attached
// in-memory database of the same name, filled from the file's schema): their columns and types.
import type { ShapeColumn } from './scope.js';

export type CatalogRelation = { readonly schema: 'pg_catalog' | 'information_schema'; readonly columns: readonly ShapeColumn[] };

const RELATIONS = new Map<string, CatalogRelation>();

/** `schema` null: an unqualified name, which Postgres looks up in pg_catalog first. */
export function catalogRelation(schema: string | null, name: string): CatalogRelation | undefined {
  if (schema === null) return RELATIONS.get('pg_catalog.' + name);
  return RELATIONS.get(schema + '.' + name);
}
