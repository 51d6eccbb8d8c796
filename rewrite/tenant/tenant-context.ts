// Everything a statement's rewrite depends on besides its text. The statement cache keys on
// (text, tenant, role, search_path, catalog version), so every field here must be covered by that key.
import type { Catalog } from '../catalog/catalog.js';

export type SchemaLevel = 'none' | 'read' | 'write' | 'ddl';

export type TenantContext = {
  /** Validated at config load (a UUID or a plain identifier), so it is safe to write as a SQL literal. */
  readonly tenantId: string;
  readonly tenantColumn: string;
  readonly roleName: string;
  /** Permission per schema; the key "*" applies to schemas not listed. */
  readonly schemas: Readonly<Record<string, SchemaLevel>>;
  /** The session's search_path, already split and unquoted ("$user" replaced by the user name). */
  readonly searchPath: readonly string[];
  readonly crossSchemaJoins: 'block' | 'warn' | 'allow';
  /** "schema.relation" names. */
  readonly appendOnly: ReadonlySet<string>;
  /** User-defined functions ("schema.name") tenant roles may call; functions in system schemas follow the built-in allow-list. */
  readonly allowedFunctions: ReadonlySet<string>;
  readonly catalog: Catalog;
  /** LISTEN/NOTIFY channel names are prefixed with this (per tenant), transparently to the client. */
  readonly channelPrefix: string;
};
