// Owns the function policy of the rewrite engine: which functions of the system schemas a tenant's
// statement may call, and which system relations it may never read.
//
// Functions. The rule is an allow-list: a pg_catalog function is callable only when its name is in
// pg-catalog-functions.generated.ts (generated from a fresh PostgreSQL cluster by
// scripts/generate-function-allowlist.ts) and no deny entry below matches it. The deny entries are
// the reasons: the generator leaves out every name they match, so the allow-list never contradicts
// them, and functionVerdict names the category when it refuses. A name on neither list — a function
// of a newer server, a typo, an extension's function installed in pg_catalog — is refused (fail closed).
// functionVerdict decides the system schemas only: call it when isSystemSchema(schema) holds (an
// unqualified name that resolves to pg_catalog passes `undefined`). A function in any other schema is
// user code, decided by the schema-permission rule — which should still refuse the well-known extension
// functions of deniedExtensionFunction (dblink, pg_stat_statements, ...), wherever they are installed.
//
// Relations. deniedRelation refuses system relations that hold other tenants' values or server secrets:
// - statistics: pg_statistic, pg_statistic_ext_data and the views over them (pg_stats, pg_stats_ext,
//   pg_stats_ext_exprs) hold sampled column values of every tenant's rows; every pg_stat_* and
//   pg_statio_* view shows activity (query text), row counts or I/O of every tenant. pg_statistic_ext
//   stays readable: it holds only statistics definitions, and psql's \d reads it.
// - activity of other sessions: pg_locks (incl. advisory lock keys), pg_prepared_xacts, memory views;
// - pooled-connection state: pg_prepared_statements, pg_cursors (a pooled server connection carries
//   what other tenants' clients prepared or kept open);
// - credentials, large objects, server configuration files, replication, and pg_toast (raw out-of-line
//   values of every tenant's rows);
// - pg_stat_statements and pg_stat_statements_info in any schema (the extension lives where it is installed).
// The rest of pg_catalog and information_schema is metadata that drivers, ORMs and psql read, and is
// allowed. Writing a system relation is the schema-permission rule's business: UPDATE pg_settings is
// set_config() in disguise and must never pass.
//
// Schemas are compared exactly (the parser has already folded unquoted identifiers; "PG_CATALOG" is a
// user schema that can be created). Function and relation names are compared lower-case: every
// pg_catalog name a query can call is lower-case, so folding can only make a refusal more likely.
import {
  GENERATED_FROM,
  INFORMATION_SCHEMA_FUNCTIONS,
  PG_CATALOG_ADMIN_ONLY_FUNCTIONS,
  PG_CATALOG_FUNCTIONS,
} from './pg-catalog-functions.generated.js';

export type FunctionVerdict = { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

const CATEGORY = {
  sqlText: 'SQL-string executor: runs a query given as text or reads a whole relation past the tenant rewrite',
  serverFiles: 'server file access: reads, lists or writes files on the database server',
  largeObjects: 'large objects: stored outside any table, shared by every tenant',
  settings: 'settings: changes GUCs (incl. the tenant GUC pgfabric.tenant_id) or the server configuration',
  signals: 'backend signalling: acts on other sessions',
  statistics: "statistics and activity: exposes other tenants' values, query text or row counts",
  pooledState: 'pooled connection state: shows what other clients left on a shared server connection',
  notify: 'raw NOTIFY channel: bypasses the per-tenant channel namespace (use NOTIFY, which is rewritten)',
  replication: 'replication and WAL: server administration that reaches every tenant',
  admin: 'server administration or maintenance',
  internal: 'internal support function: called by the server, not by queries',
  rawStorage: "raw storage inspection: reads pages, tuples or WAL of every tenant's rows",
  credentials: 'credentials: password hashes or user-mapping options',
  serverConfig: 'server configuration files and build settings',
  adminOnly: 'admin-only: EXECUTE is revoked from PUBLIC on a fresh cluster',
} as const;
type Category = keyof typeof CATEGORY;

// `*` matches any run of characters. Core entries apply to the system schemas.
const CORE_FUNCTION_DENY: ReadonlyArray<readonly [Category, readonly string[]]> = [
  ['sqlText', ['query_to_xml*', 'cursor_to_xml*', 'table_to_xml*', 'schema_to_xml*', 'database_to_xml*',
    'ts_stat', 'ts_rewrite' /* ts_rewrite(tsquery, text) runs its second argument */, 'currtid*']],
  ['serverFiles', ['pg_read_file*', 'pg_read_binary_file*', 'pg_ls_*', 'pg_stat_file', 'pg_current_logfile']],
  ['largeObjects', ['lo_*', 'loread', 'lowrite']],
  ['settings', ['set_config', 'pg_reload_conf', 'pg_rotate_logfile*']],
  ['serverConfig', ['pg_show_all_file_settings', 'pg_hba_file_rules', 'pg_ident_file_mappings', 'pg_config']],
  ['signals', ['pg_terminate_backend', 'pg_cancel_backend', 'pg_signal_backend', 'pg_log_backend_memory_contexts']],
  ['statistics', ['pg_stat_*', 'pg_mcv_list*', 'pg_ndistinct*', 'pg_dependencies*', 'pg_lock_status',
    'pg_blocking_pids', 'pg_safe_snapshot_blocking_pids', 'pg_isolation_test_session_is_blocked',
    'pg_prepared_xact', 'pg_last_committed_xact', 'pg_get_backend_memory_contexts', 'pg_get_shmem_allocations']],
  ['pooledState', ['pg_prepared_statement', 'pg_cursor']],
  ['notify', ['pg_notify']],
  ['replication', ['pg_create_*', 'pg_drop_replication_slot', 'pg_copy_*_replication_slot', 'pg_replication_*',
    'pg_sync_replication_slots', 'pg_logical_*', 'pg_get_replication_slots', 'pg_show_replication_origin_status',
    'pg_get_publication_tables', 'pg_backup_*', 'pg_start_backup', 'pg_stop_backup', 'pg_is_in_backup',
    'pg_switch_wal', 'pg_promote', 'pg_current_wal_*', 'pg_last_wal_*', 'pg_wal_replay_*', 'pg_walfile_name*',
    'pg_split_walfile_name', 'pg_last_xact_replay_timestamp', 'pg_is_wal_replay_paused', 'pg_get_wal_*',
    'pg_control_*']],
  ['admin', ['binary_upgrade_*', 'pg_nextoid', 'pg_stop_making_pinned_objects', 'pg_import_system_collations',
    'pg_extension_config_dump', 'brin_summarize_*', 'brin_desummarize_range', 'gin_clean_pending_list']],
  ['internal', ['*_validator', '*_handler']],
];

// Functions of well-known extensions that reach outside the tenant, refused in every schema.
const EXTENSION_FUNCTION_DENY: ReadonlyArray<readonly [Category, readonly string[]]> = [
  ['sqlText', ['dblink*']],
  ['statistics', ['pg_stat_statements*']],
  ['serverFiles', ['pg_file_*', 'pg_logdir_ls']],
  ['rawStorage', ['get_raw_page', 'page_header', 'page_checksum', 'fsm_page_contents', 'heap_page_item*',
    'tuple_data_split', 'bt_page_*', 'bt_multi_page_stats', 'bt_metap', 'brin_page_items', 'brin_page_type',
    'brin_metapage_info', 'brin_revmap_data', 'gin_page_opaque_info', 'gin_metapage_info', 'gin_leafpage_items',
    'gist_page_*', 'hash_page_*', 'hash_metapage_info', 'hash_bitmap_info', 'pgstat*', 'pg_relpages',
    'pg_visibility*', 'pg_check_frozen', 'pg_check_visible', 'pg_truncate_visibility_map', 'pg_buffercache*',
    'pg_freespace', 'pgrowlocks', 'pg_get_wal_record*', 'pg_get_wal_block_info', 'pg_get_wal_stats*']],
];

const PG_CATALOG_RELATION_DENY: ReadonlyArray<readonly [Category, readonly string[]]> = [
  ['statistics', ['pg_statistic', 'pg_statistic_ext_data', 'pg_stats', 'pg_stats_ext', 'pg_stats_ext_exprs',
    'pg_stat_*', 'pg_statio_*', 'pg_locks', 'pg_prepared_xacts', 'pg_backend_memory_contexts',
    'pg_shmem_allocations']],
  ['pooledState', ['pg_prepared_statements', 'pg_cursors']],
  ['credentials', ['pg_authid', 'pg_shadow', 'pg_user_mapping', 'pg_user_mappings', 'pg_subscription']],
  ['largeObjects', ['pg_largeobject', 'pg_largeobject_metadata']],
  ['serverConfig', ['pg_file_settings', 'pg_hba_file_rules', 'pg_ident_file_mappings', 'pg_config']],
  ['replication', ['pg_replication_origin', 'pg_replication_origin_status', 'pg_replication_slots',
    'pg_subscription_rel']],
];
const INFORMATION_SCHEMA_RELATION_DENY: ReadonlyArray<readonly [Category, readonly string[]]> = [
  ['credentials', ['user_mapping_options', 'user_mappings', '_pg_user_mappings']],
];
const ANY_SCHEMA_RELATION_DENY: ReadonlyArray<readonly [Category, readonly string[]]> = [
  ['statistics', ['pg_stat_statements', 'pg_stat_statements_info']],
];

/** Exact names in a map, patterns in order; the first entry that matches gives the category. */
class NameMatcher {
  private readonly exact = new Map<string, Category>();
  private readonly patterns: Array<readonly [RegExp, Category]> = [];

  constructor(...tables: ReadonlyArray<ReadonlyArray<readonly [Category, readonly string[]]>>) {
    for (const table of tables) {
      for (const [category, names] of table) {
        for (const name of names) this.add(name, category);
      }
    }
  }

  get size(): number {
    return this.exact.size + this.patterns.length;
  }

  match(lowerName: string): Category | undefined {
    const exact = this.exact.get(lowerName);
    if (exact !== undefined) return exact;
    for (const [pattern, category] of this.patterns) {
      if (pattern.test(lowerName)) return category;
    }
    return undefined;
  }

  private add(name: string, category: Category): void {
    if (!name.includes('*')) {
      if (!this.exact.has(name)) this.exact.set(name, category);
      return;
    }
    const body = name.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
    this.patterns.push([new RegExp(`^${body}$`), category]);
  }
}

const systemFunctionDeny = new NameMatcher(CORE_FUNCTION_DENY, EXTENSION_FUNCTION_DENY);
const extensionFunctionDeny = new NameMatcher(EXTENSION_FUNCTION_DENY);
const pgCatalogRelationDeny = new NameMatcher(PG_CATALOG_RELATION_DENY);
const informationSchemaRelationDeny = new NameMatcher(INFORMATION_SCHEMA_RELATION_DENY);
const anySchemaRelationDeny = new NameMatcher(ANY_SCHEMA_RELATION_DENY);

/** Number of deny entries (exact names and patterns) for functions and relations, for reports and tests. */
export const DENY_ENTRY_COUNT = {
  functions: systemFunctionDeny.size,
  relations: pgCatalogRelationDeny.size + informationSchemaRelationDeny.size + anySchemaRelationDeny.size,
} as const;

// Constructs the grammar turns into expression nodes rather than pg_proc calls; a parser or printer
// may still present them as function names, and they run nothing but their arguments. (Written
// pg_catalog.coalesce(...), Postgres finds no such function: allowing it there too is harmless.)
const SQL_SYNTAX_FUNCTIONS: ReadonlySet<string> = new Set([
  'coalesce', 'nullif', 'greatest', 'least', 'current_date', 'current_time', 'current_timestamp', 'localtime',
  'localtimestamp', 'current_role', 'current_user', 'session_user', 'user', 'current_catalog', 'current_schema',
  'system_user', 'xmlelement', 'xmlforest', 'xmlconcat', 'xmlpi', 'xmlroot', 'xmlparse', 'xmlserialize', 'grouping',
]);

const ALLOWED: FunctionVerdict = { allowed: true };
const REFUSED = Object.fromEntries(
  Object.entries(CATEGORY).map(([key, reason]) => [key, { allowed: false, reason }]),
) as Record<Category, FunctionVerdict>;
const UNKNOWN: FunctionVerdict = {
  allowed: false,
  reason: `not on the allow-list: not a ${GENERATED_FROM} system function that tenants may call`,
};

/** pg_catalog, information_schema, or `undefined` (an unqualified call, which resolves to pg_catalog). */
export function isSystemSchema(schema: string | undefined): boolean {
  return schema === undefined || schema === 'pg_catalog' || schema === 'information_schema';
}

/**
 * Whether a tenant may call a function of a system schema. Only for isSystemSchema(schema): any other
 * schema is refused here (a caller's mistake must fail closed) and belongs to the schema-permission rule.
 */
export function functionVerdict(schema: string | undefined, name: string): FunctionVerdict {
  if (!isSystemSchema(schema)) {
    return { allowed: false, reason: `internal: ${schema} is not a system schema; schema permissions decide it` };
  }
  const lower = name.toLowerCase();
  const denied = systemFunctionDeny.match(lower);
  if (denied !== undefined) return REFUSED[denied];
  if (schema === 'information_schema') return INFORMATION_SCHEMA_FUNCTIONS.has(lower) ? ALLOWED : UNKNOWN;
  if (PG_CATALOG_FUNCTIONS.has(lower) || SQL_SYNTAX_FUNCTIONS.has(lower)) return ALLOWED;
  return PG_CATALOG_ADMIN_ONLY_FUNCTIONS.has(lower) ? REFUSED.adminOnly : UNKNOWN;
}

/** The deny reason for a function name of a system schema, or null; the generator excludes these names. */
export function deniedFunction(name: string): string | null {
  const category = systemFunctionDeny.match(name.toLowerCase());
  return category === undefined ? null : CATEGORY[category];
}

/** For a function outside the system schemas: a reason when it is a known extension function that
 * reaches outside the tenant (dblink, pg_stat_statements, adminpack, pageinspect, ...), else null. */
export function deniedExtensionFunction(name: string): string | null {
  const category = extensionFunctionDeny.match(name.toLowerCase());
  return category === undefined ? null : CATEGORY[category];
}

/** A reason when a tenant must never read this relation (schema as resolved, exact), else null. */
export function deniedRelation(schema: string, name: string): string | null {
  const lower = name.toLowerCase();
  const category =
    anySchemaRelationDeny.match(lower) ??
    (schema === 'pg_catalog' ? pgCatalogRelationDeny.match(lower) : undefined) ??
    (schema === 'information_schema' ? informationSchemaRelationDeny.match(lower) : undefined);
  if (category !== undefined) return CATEGORY[category];
  // pg_toast and pg_toast_temp_N hold the out-of-line values of every tenant's rows.
  if (schema === 'pg_toast' || schema.startsWith('pg_toast_temp_')) return CATEGORY.rawStorage;
  return null;
}
