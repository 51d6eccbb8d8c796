// What the analyser learns about one statement: every relation reference (resolved, with the kind of
// access and where its tenant predicate belongs), every function call, every INSERT and every
// assignment target. The rules read these facts; the mutating rules act through them.
import type { CatalogRelation } from '../catalog/catalog.js';
import type { AstObject } from '../parser/node-walker.js';

export type RelationAccess = 'read' | 'insert' | 'update' | 'delete' | 'ddl' | 'lock' | 'truncate';

/** Where a reference's row predicate goes. */
export type PredicateSite =
  /** ANDed into a statement's WHERE (SelectStmt, UpdateStmt, DeleteStmt, OnConflictClause). */
  | { readonly kind: 'where'; readonly holder: AstObject }
  /** ANDed into an outer join's ON, for a relation on its nullable side. */
  | { readonly kind: 'quals'; readonly join: AstObject }
  /** ANDed into a MERGE's ON (its target: other tenants' rows never match, so are never touched). */
  | { readonly kind: 'mergeOn'; readonly merge: AstObject }
  /** The reference is replaced by `(SELECT * FROM rel WHERE pred) AS alias` (FULL JOIN sides). */
  | { readonly kind: 'wrap'; readonly wrapper: AstObject };

export type RelationRef = {
  readonly rangeVar: AstObject;
  /** schema.name as resolved (or as written, when unresolved). */
  readonly display: string;
  readonly relation: CatalogRelation;
  readonly access: RelationAccess;
  readonly tenantScoped: boolean;
  readonly site: PredicateSite | null;
  /** The name the statement uses for this reference (its alias, else the relation name). */
  readonly refName: string;
  /** Set when refName alone would be ambiguous at its level: predicates name `qualifier.refName.column`. */
  qualifier: string | null;
  /** The tenant column's name under this reference (a column alias list may rename it). */
  readonly tenantColumnName: string;
};

export type FunctionRef = {
  readonly schema: string | null;
  readonly name: string;
  /** Schema the call resolves to (pg_catalog for built-ins), null when the function is unknown. */
  readonly resolvedSchema: string | null;
};

export type InsertFact = {
  readonly stmt: AstObject;
  readonly ref: RelationRef;
};

/** WHEN NOT MATCHED THEN INSERT (cols) VALUES (…) of a MERGE into a tenant-scoped target. */
export type MergeInsertFact = {
  readonly clause: AstObject;
  readonly ref: RelationRef;
};

export type AssignmentFact = {
  readonly ref: RelationRef;
  readonly columns: readonly string[];
  readonly clause: 'UPDATE' | 'ON CONFLICT DO UPDATE' | 'MERGE';
};

/** COPY … FROM STDIN into a tenant-scoped relation: how the row stream gets (or is checked for) the tenant id. */
export type CopyInPlan = {
  readonly csv: boolean;
  readonly delimiter: string;
  readonly quote: string;
  readonly escape: string;
  readonly header: boolean;
  /** append: the tenant column was added to the column list; check: field `index` must be the tenant id. */
  readonly mode: { readonly kind: 'append' } | { readonly kind: 'check'; readonly index: number };
};

export type StatementFacts = {
  /** The top node type: SelectStmt, InsertStmt, VariableSetStmt, … */
  readonly kind: string;
  readonly node: AstObject;
  readonly refs: RelationRef[];
  readonly functions: FunctionRef[];
  readonly inserts: InsertFact[];
  readonly mergeInserts: MergeInsertFact[];
  readonly assignments: AssignmentFact[];
  /** Set when the statement is an EXPLAIN with ANALYZE. */
  explainAnalyze: boolean;
  /** True for statements that change the schema (the catalog must be refreshed after them). */
  ddl: boolean;
  /** Schemas named by DDL for objects that are not (yet) catalog relations; null = the creation schema, "*" = unknown. */
  readonly ddlSchemas: (string | null)[];
  /** Set for COPY … FROM STDIN into a tenant-scoped relation. */
  copyIn: CopyInPlan | null;
  /** LISTEN/UNLISTEN/NOTIFY nodes naming a channel. */
  readonly channels: AstObject[];
  /** Temporary tables this statement creates: the session resolves them first from now on. */
  readonly tempCreated: { name: string; columns: string[] }[];
  /** SET search_path value(s), when the statement changes it. */
  searchPath: string[] | null;
  /** RESET search_path or SET search_path TO DEFAULT. */
  searchPathReset: boolean;
};
