// The catalog and session context every golden tenant case runs against, and the per-case overrides
// a case may declare in its header (`-- context: {...}`, `-- role: {...}`). The catalog imitates a
// real multi-tenant backend: tenant tables (with tenant_id) and shared tables in app/public/config/audit,
// views that expose or hide tenant_id, a materialized view, a partitioned table, pgbench's tables made
// tenant-scoped, a temporary table pg_temp.customers shadowing app.customers, and the system relations
// drivers and psql read.
import { relationKey, type Catalog, type CatalogRelation, type RelationKind } from '../../../rewrite/catalog/catalog.js';
import type { SchemaLevel, TenantContext } from '../../../rewrite/tenant/tenant-context.js';

export const TENANT_ID = '11111111-1111-1111-1111-111111111111';

type RelationSpec = readonly [name: string, columns: string, kind?: RelationKind, readsTenantScoped?: boolean];

function rel([qualified, columns, kind = 'table', readsTenantScoped = false]: RelationSpec): CatalogRelation {
  const [schema, name] = qualified.split('.') as [string, string];
  const temporary = schema === 'pg_temp';
  return { schema, name, kind, columns: columns.split(/\s+/), readsTenantScoped, ...(temporary ? { temporary } : {}) };
}

const RELATIONS: readonly RelationSpec[] = [
  // app: the application's tenant tables
  ['app.customers', 'id tenant_id name email created_at'],
  ['app.orders', 'id tenant_id customer_id total status created_at'],
  ['app.order_items', 'id tenant_id order_id product_id qty price'],
  ['app.products', 'id tenant_id sku name price'],
  ['app.invoices', 'id tenant_id order_id amount paid_at'],
  ['app.journal', 'id tenant_id account amount posted_at'],
  ['app.notes', 'id tenant_id body'],
  ['app.Accounts', 'id tenant_id balance'],
  ['app.events', 'id tenant_id kind payload created_at', 'partitioned'],
  ['app.events_2024', 'id tenant_id kind payload created_at'],
  ['app.remote_orders', 'id tenant_id total', 'foreign'],
  ['app.currencies', 'code name symbol'],
  ['app.orders_id_seq', 'last_value log_cnt is_called', 'sequence'],
  ['app.v_orders', 'id tenant_id customer_id total', 'view', true],
  ['app.v_order_totals', 'customer_id total', 'view', true],
  ['app.v_currencies', 'code name', 'view', false],
  ['app.mv_daily_sales', 'tenant_id day total', 'matview', true],
  ['app.mv_sales_hidden', 'day total', 'matview', true],
  // public: pgbench's tables with tenant_id, plus shared tables
  ['public.pgbench_accounts', 'aid bid abalance filler tenant_id'],
  ['public.pgbench_branches', 'bid bbalance filler tenant_id'],
  ['public.pgbench_tellers', 'tid bid tbalance filler tenant_id'],
  ['public.pgbench_history', 'tid bid aid delta mtime filler tenant_id'],
  ['public.notes', 'id title'],
  ['public.customers', 'id name'],
  ['public.schema_migrations', 'version applied_at'],
  ['public.tags', 'id tenant_id label'],
  ['public.pg_stat_statements', 'userid dbid queryid query calls', 'view'],
  // config: readable by the role
  ['config.settings', 'key value'],
  ['config.plans', 'id name price'],
  ['config.feature_flags', 'name tenant_id enabled'],
  // audit: no access
  ['audit.log', 'id tenant_id action at'],
  ['audit.secrets', 'id value'],
  // the session's temporary table, shadowing app.customers for unqualified names
  ['pg_temp.customers', 'id name'],
  // system relations
  ['pg_catalog.pg_class', 'oid relname relnamespace relkind reltuples relowner'],
  ['pg_catalog.pg_namespace', 'oid nspname nspowner'],
  ['pg_catalog.pg_attribute', 'attrelid attname atttypid attnum attnotnull attisdropped'],
  ['pg_catalog.pg_type', 'oid typname typnamespace'],
  ['pg_catalog.pg_index', 'indexrelid indrelid indisprimary'],
  ['pg_catalog.pg_proc', 'oid proname pronamespace prosrc'],
  ['pg_catalog.pg_database', 'oid datname'],
  ['pg_catalog.pg_roles', 'oid rolname rolsuper'],
  ['pg_catalog.pg_settings', 'name setting'],
  ['pg_catalog.pg_tables', 'schemaname tablename tableowner'],
  ['pg_catalog.pg_stats', 'schemaname tablename attname most_common_vals histogram_bounds'],
  ['pg_catalog.pg_statistic', 'starelid staattnum stavalues1'],
  ['pg_catalog.pg_stat_activity', 'pid datname usename query state'],
  ['pg_catalog.pg_stat_user_tables', 'relid schemaname relname n_live_tup'],
  ['pg_catalog.pg_locks', 'locktype objid pid mode'],
  ['pg_catalog.pg_authid', 'oid rolname rolpassword'],
  ['pg_catalog.pg_shadow', 'usename passwd'],
  ['pg_catalog.pg_prepared_statements', 'name statement'],
  ['pg_catalog.pg_largeobject', 'loid pageno data'],
  ['pg_catalog.pg_file_settings', 'sourcefile name setting'],
  ['information_schema.tables', 'table_catalog table_schema table_name table_type'],
  ['information_schema.columns', 'table_catalog table_schema table_name column_name ordinal_position data_type is_nullable'],
  ['information_schema.schemata', 'catalog_name schema_name'],
];

const FUNCTIONS: Readonly<Record<string, string>> = {
  pg_catalog:
    'count sum avg min max now lower upper length coalesce generate_series unnest jsonb_build_object json_agg ' +
    'array_agg string_agg row_number rank date_trunc to_char nextval currval setval random gen_random_uuid abs ' +
    'format version current_setting pg_table_is_visible format_type pg_get_expr pg_get_userbyid pg_typeof ' +
    'pg_sleep pg_advisory_xact_lock pg_read_file pg_ls_dir query_to_xml table_to_xml ts_stat set_config ' +
    'lo_import lo_export pg_terminate_backend pg_notify pg_stat_get_activity pg_get_viewdef txid_current',
  app: 'allowed_fn other_fn format',
  public: 'dblink dblink_exec pg_stat_statements',
  audit: 'write_log allowed_fn',
};

export function fixtureCatalog(): Catalog {
  const relations = new Map<string, CatalogRelation>();
  for (const spec of RELATIONS) {
    const r = rel(spec);
    relations.set(relationKey(r.schema, r.name), r);
  }
  const functions = new Map(Object.entries(FUNCTIONS).map(([schema, names]) => [schema, new Set(names.split(/\s+/))] as const));
  return {
    version: 1,
    schemas: new Set(['app', 'public', 'config', 'audit', 'pg_catalog', 'information_schema']),
    relations,
    functions,
  };
}

export function fixtureContext(): TenantContext {
  return {
    tenantId: TENANT_ID,
    tenantColumn: 'tenant_id',
    roleName: 'app_rw',
    schemas: { app: 'write', config: 'read', public: 'write', audit: 'none' },
    searchPath: ['app', 'public'],
    crossSchemaJoins: 'allow',
    appendOnly: new Set(['app.journal']),
    allowedFunctions: new Set(['app.allowed_fn']),
    catalog: fixtureCatalog(),
    // the proxy uses the tenant's name from the config (tenant "acme" has the id above)
    channelPrefix: 'acme:',
  };
}

/** What a case header may change: `-- context: {json}` (these keys) and `-- role: {json}` (the schemas map). */
export type ContextOverride = {
  readonly tenantId?: string;
  readonly roleName?: string;
  readonly searchPath?: readonly string[];
  readonly crossSchemaJoins?: TenantContext['crossSchemaJoins'];
  readonly appendOnly?: readonly string[];
  readonly allowedFunctions?: readonly string[];
  readonly schemas?: Readonly<Record<string, SchemaLevel>>;
};

const OVERRIDE_KEYS = new Set(['tenantId', 'roleName', 'searchPath', 'crossSchemaJoins', 'appendOnly', 'allowedFunctions', 'schemas']);

export function applyOverride(base: TenantContext, override: ContextOverride): TenantContext {
  for (const key of Object.keys(override)) if (!OVERRIDE_KEYS.has(key)) throw new Error(`unknown context key "${key}"`);
  return {
    ...base,
    ...(override.tenantId !== undefined ? { tenantId: override.tenantId } : {}),
    ...(override.roleName !== undefined ? { roleName: override.roleName } : {}),
    ...(override.searchPath !== undefined ? { searchPath: override.searchPath } : {}),
    ...(override.crossSchemaJoins !== undefined ? { crossSchemaJoins: override.crossSchemaJoins } : {}),
    ...(override.appendOnly !== undefined ? { appendOnly: new Set(override.appendOnly) } : {}),
    ...(override.allowedFunctions !== undefined ? { allowedFunctions: new Set(override.allowedFunctions) } : {}),
    ...(override.schemas !== undefined ? { schemas: override.schemas } : {}),
  };
}
