// Resolves a relation name exactly as Postgres does: a CTE in scope first (unqualified names only),
// then pg_temp, then pg_catalog (unless search_path places it), then the search_path schemas in order.
import { relationKey, type CatalogRelation } from '../catalog/catalog.js';
import type { TenantContext } from './tenant-context.js';

/** CTE names visible at a point of a statement, innermost WITH first. */
export class CteScope {
  constructor(
    private readonly names: ReadonlySet<string>,
    private readonly parent: CteScope | null,
  ) {}

  static readonly EMPTY = new CteScope(new Set(), null);

  with(names: Iterable<string>): CteScope {
    return new CteScope(new Set(names), this);
  }

  has(name: string): boolean {
    for (let s: CteScope | null = this; s; s = s.parent) if (s.names.has(name)) return true;
    return false;
  }
}

export type Resolution =
  | { readonly kind: 'cte' }
  | { readonly kind: 'relation'; readonly relation: CatalogRelation }
  | { readonly kind: 'unknown'; readonly display: string };

export function effectiveSearchPath(ctx: TenantContext): string[] {
  const path = ctx.searchPath.filter((s) => s !== '');
  const out: string[] = [];
  if (!path.includes('pg_temp')) out.push('pg_temp');
  if (!path.includes('pg_catalog')) out.push('pg_catalog');
  for (const s of path) out.push(s);
  return out;
}

export function resolveRelation(schema: string | undefined, name: string, scope: CteScope, ctx: TenantContext): Resolution {
  const relations = ctx.catalog.relations;
  if (schema !== undefined) {
    const target = schema.startsWith('pg_temp') ? 'pg_temp' : schema;
    const rel = relations.get(relationKey(target, name));
    return rel ? { kind: 'relation', relation: rel } : { kind: 'unknown', display: `${schema}.${name}` };
  }
  if (scope.has(name)) return { kind: 'cte' };
  for (const s of effectiveSearchPath(ctx)) {
    const rel = relations.get(relationKey(s, name));
    if (rel) return { kind: 'relation', relation: rel };
  }
  return { kind: 'unknown', display: name };
}

/** The schema a CREATE without a schema name creates in: the first search_path schema that exists. */
export function creationSchema(ctx: TenantContext): string | null {
  for (const s of ctx.searchPath) if (s !== 'pg_temp' && ctx.catalog.schemas.has(s)) return s;
  return null;
}

/** Resolves a function name; built-ins resolve to pg_catalog first, as in Postgres. */
export function resolveFunctionSchema(schema: string | null, name: string, ctx: TenantContext): string | null {
  const fns = ctx.catalog.functions;
  if (schema !== null) return fns.get(schema)?.has(name) ? schema : null;
  for (const s of effectiveSearchPath(ctx)) if (fns.get(s)?.has(name)) return s;
  return null;
}
