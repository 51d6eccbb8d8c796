import pg from 'pg';
import { describe, expect, it } from 'vitest';
import {
  DENY_ENTRY_COUNT,
  deniedExtensionFunction,
  deniedFunction,
  deniedRelation,
  functionVerdict,
  isSystemSchema,
} from '../../../rewrite/rules/function-policy.js';
import {
  GENERATED_FROM,
  INFORMATION_SCHEMA_FUNCTIONS,
  PG_CATALOG_FUNCTIONS,
} from '../../../rewrite/rules/pg-catalog-functions.generated.js';
import { adminUrl } from '../../helpers/test-database.js';

function reasonOf(schema: string | undefined, name: string): string | null {
  const verdict = functionVerdict(schema, name);
  return verdict.allowed ? null : verdict.reason;
}

describe('functionVerdict: what ORMs, drivers and psql call is allowed', () => {
  const common = [
    'now', 'count', 'coalesce', 'nullif', 'greatest', 'lower', 'upper', 'array_agg', 'string_agg', 'jsonb_build_object',
    'json_agg', 'jsonb_agg', 'to_jsonb', 'row_to_json', 'unnest', 'generate_series', 'to_char', 'date_trunc',
    'extract', 'date_part', 'substring', 'btrim', 'length', 'format', 'md5', 'gen_random_uuid', 'random', 'version',
    'current_schema', 'current_schemas', 'current_database', 'current_setting', 'nextval', 'currval', 'setval',
    'lastval', 'pg_get_expr', 'format_type', 'pg_table_is_visible', 'obj_description', 'col_description',
    'pg_get_indexdef', 'pg_get_constraintdef', 'pg_get_viewdef', 'pg_get_functiondef', 'pg_get_userbyid',
    'pg_get_serial_sequence', 'pg_get_statisticsobjdef_columns', 'pg_relation_size', 'pg_total_relation_size',
    'pg_size_pretty', 'has_table_privilege', 'pg_has_role', 'pg_typeof', 'pg_backend_pid', 'pg_is_in_recovery',
    'pg_sleep', 'pg_advisory_lock', 'pg_advisory_xact_lock', 'pg_try_advisory_lock', 'pg_advisory_unlock_all',
    'row_number', 'rank', 'lag', 'percentile_cont', 'to_tsvector', 'ts_rank', 'xpath', 'array_to_string',
    'txid_current', 'pg_current_xact_id', 'pg_encoding_to_char', 'pg_collation_for',
  ];
  it.each(common)('%s', (name) => {
    expect(functionVerdict(undefined, name)).toEqual({ allowed: true });
    expect(functionVerdict('pg_catalog', name)).toEqual({ allowed: true });
  });

  it('allows information_schema helpers there, and nothing else there', () => {
    expect(functionVerdict('information_schema', '_pg_expandarray')).toEqual({ allowed: true });
    expect(functionVerdict('information_schema', '_PG_CHAR_MAX_LENGTH')).toEqual({ allowed: true });
    expect(reasonOf('information_schema', 'now')).toMatch(/^not on the allow-list/);
    expect(reasonOf('information_schema', 'set_config')).toMatch(/^settings:/);
  });
});

describe('functionVerdict: denied functions name their category', () => {
  it.each([
    ['query_to_xml', 'SQL-string executor'],
    ['query_to_xml_and_xmlschema', 'SQL-string executor'],
    ['query_to_xmlschema', 'SQL-string executor'],
    ['cursor_to_xml', 'SQL-string executor'],
    ['table_to_xml', 'SQL-string executor'],
    ['schema_to_xml_and_xmlschema', 'SQL-string executor'],
    ['database_to_xml', 'SQL-string executor'],
    ['ts_stat', 'SQL-string executor'],
    ['ts_rewrite', 'SQL-string executor'],
    ['currtid2', 'SQL-string executor'],
    ['dblink', 'SQL-string executor'],
    ['dblink_exec', 'SQL-string executor'],
    ['pg_read_file', 'server file access'],
    ['pg_read_binary_file', 'server file access'],
    ['pg_ls_dir', 'server file access'],
    ['pg_ls_waldir', 'server file access'],
    ['pg_stat_file', 'server file access'],
    ['pg_file_write', 'server file access'],
    ['lo_import', 'large objects'],
    ['lo_export', 'large objects'],
    ['lo_get', 'large objects'],
    ['loread', 'large objects'],
    ['lowrite', 'large objects'],
    ['set_config', 'settings'],
    ['pg_reload_conf', 'settings'],
    ['pg_rotate_logfile', 'settings'],
    ['pg_terminate_backend', 'backend signalling'],
    ['pg_cancel_backend', 'backend signalling'],
    ['pg_signal_backend', 'backend signalling'],
    ['pg_stat_get_activity', 'statistics and activity'],
    ['pg_stat_get_backend_activity', 'statistics and activity'],
    ['pg_stat_get_live_tuples', 'statistics and activity'],
    ['pg_stat_reset', 'statistics and activity'],
    ['pg_stat_statements', 'statistics and activity'],
    ['pg_stat_statements_reset', 'statistics and activity'],
    ['pg_mcv_list_items', 'statistics and activity'],
    ['pg_lock_status', 'statistics and activity'],
    ['pg_blocking_pids', 'statistics and activity'],
    ['pg_prepared_statement', 'pooled connection state'],
    ['pg_cursor', 'pooled connection state'],
    ['pg_notify', 'raw NOTIFY channel'],
    ['pg_create_logical_replication_slot', 'replication and WAL'],
    ['pg_create_physical_replication_slot', 'replication and WAL'],
    ['pg_drop_replication_slot', 'replication and WAL'],
    ['pg_logical_slot_get_changes', 'replication and WAL'],
    ['pg_replication_origin_create', 'replication and WAL'],
    ['pg_backup_start', 'replication and WAL'],
    ['pg_start_backup', 'replication and WAL'],
    ['pg_switch_wal', 'replication and WAL'],
    ['pg_promote', 'replication and WAL'],
    ['pg_current_wal_lsn', 'replication and WAL'],
    ['pg_control_system', 'replication and WAL'],
    ['binary_upgrade_set_next_pg_type_oid', 'server administration'],
    ['brin_summarize_range', 'server administration'],
    ['pg_config', 'server configuration files'],
    ['pg_hba_file_rules', 'server configuration files'],
    ['plpgsql_validator', 'internal support function'],
    ['get_raw_page', 'raw storage inspection'],
    ['heap_page_items', 'raw storage inspection'],
    ['pgstattuple', 'raw storage inspection'],
  ])('%s: %s', (name, category) => {
    expect(reasonOf(undefined, name)).toMatch(new RegExp(`^${category}`));
    expect(reasonOf('pg_catalog', name)).toMatch(new RegExp(`^${category}`));
    expect(deniedFunction(name)).toMatch(new RegExp(`^${category}`));
  });

  it('mentions the tenant GUC when refusing set_config', () => {
    expect(reasonOf(undefined, 'set_config')).toContain('pgfabric.tenant_id');
  });
});

describe('functionVerdict: unknown names, case and schemas', () => {
  it.each(['no_such_function', 'json_table', 'pg_get_acl', 'now2', ''])('refuses unknown %j', (name) => {
    expect(reasonOf(undefined, name)).toMatch(/^not on the allow-list/);
  });

  it('compares names lower-case', () => {
    expect(functionVerdict(undefined, 'NOW')).toEqual({ allowed: true });
    expect(functionVerdict('pg_catalog', 'Generate_Series')).toEqual({ allowed: true });
    expect(reasonOf(undefined, 'PG_READ_FILE')).toMatch(/^server file access/);
    expect(reasonOf('pg_catalog', 'Set_Config')).toMatch(/^settings/);
    expect(reasonOf(undefined, 'Query_To_XML')).toMatch(/^SQL-string executor/);
  });

  it('knows the system schemas exactly (a quoted "PG_CATALOG" is a user schema)', () => {
    expect(isSystemSchema(undefined)).toBe(true);
    expect(isSystemSchema('pg_catalog')).toBe(true);
    expect(isSystemSchema('information_schema')).toBe(true);
    for (const schema of ['public', 'PG_CATALOG', 'Information_Schema', 'pg_toast', 'finance']) {
      expect(isSystemSchema(schema)).toBe(false);
    }
  });

  it('refuses any other schema: functionVerdict is not the schema-permission rule', () => {
    expect(reasonOf('public', 'now')).toMatch(/not a system schema/);
    expect(reasonOf('PG_CATALOG', 'now')).toMatch(/not a system schema/);
  });

  it('refuses known extension functions in any schema, and nothing else', () => {
    expect(deniedExtensionFunction('dblink_exec')).toMatch(/^SQL-string executor/);
    expect(deniedExtensionFunction('PG_STAT_STATEMENTS')).toMatch(/^statistics and activity/);
    expect(deniedExtensionFunction('get_raw_page')).toMatch(/^raw storage inspection/);
    expect(deniedExtensionFunction('my_function')).toBeNull();
    expect(deniedExtensionFunction('set_config')).toBeNull();
  });
});

describe('the generated allow-list', () => {
  it('comes from PostgreSQL 15 and is large', () => {
    expect(GENERATED_FROM).toMatch(/^PostgreSQL 15\./);
    expect(PG_CATALOG_FUNCTIONS.size).toBeGreaterThan(1500);
    expect(INFORMATION_SCHEMA_FUNCTIONS.size).toBeGreaterThan(5);
  });

  it('never contradicts a deny entry, and holds lower-case names only', () => {
    const contradicting = [...PG_CATALOG_FUNCTIONS].filter((name) => deniedFunction(name) !== null);
    expect(contradicting).toEqual([]);
    expect([...PG_CATALOG_FUNCTIONS].filter((name) => !/^[a-z0-9_]+$/.test(name))).toEqual([]);
    expect(DENY_ENTRY_COUNT.functions).toBeGreaterThan(50);
  });
});

describe('deniedRelation', () => {
  it.each([
    ['pg_catalog', 'pg_statistic', 'statistics'],
    ['pg_catalog', 'pg_statistic_ext_data', 'statistics'],
    ['pg_catalog', 'pg_stats', 'statistics'],
    ['pg_catalog', 'pg_stats_ext', 'statistics'],
    ['pg_catalog', 'pg_stats_ext_exprs', 'statistics'],
    ['pg_catalog', 'pg_stat_activity', 'statistics'],
    ['pg_catalog', 'pg_stat_user_tables', 'statistics'],
    ['pg_catalog', 'pg_stat_replication', 'statistics'],
    ['pg_catalog', 'pg_statio_user_tables', 'statistics'],
    ['pg_catalog', 'pg_locks', 'statistics'],
    ['pg_catalog', 'PG_STATS', 'statistics'],
    ['public', 'pg_stat_statements', 'statistics'],
    ['monitoring', 'pg_stat_statements_info', 'statistics'],
    ['pg_catalog', 'pg_prepared_statements', 'pooled connection state'],
    ['pg_catalog', 'pg_cursors', 'pooled connection state'],
    ['pg_catalog', 'pg_authid', 'credentials'],
    ['pg_catalog', 'pg_shadow', 'credentials'],
    ['pg_catalog', 'pg_user_mapping', 'credentials'],
    ['pg_catalog', 'pg_user_mappings', 'credentials'],
    ['information_schema', 'user_mapping_options', 'credentials'],
    ['pg_catalog', 'pg_largeobject', 'large objects'],
    ['pg_catalog', 'pg_largeobject_metadata', 'large objects'],
    ['pg_catalog', 'pg_file_settings', 'server configuration'],
    ['pg_catalog', 'pg_hba_file_rules', 'server configuration'],
    ['pg_catalog', 'pg_replication_slots', 'replication'],
    ['pg_toast', 'pg_toast_16389', 'raw storage'],
    ['pg_toast_temp_3', 'pg_toast_16400', 'raw storage'],
  ])('%s.%s: %s', (schema, name, category) => {
    expect(deniedRelation(schema, name)).toMatch(new RegExp(`^${category}`));
  });

  it.each([
    ['pg_catalog', 'pg_class'],
    ['pg_catalog', 'pg_attribute'],
    ['pg_catalog', 'pg_namespace'],
    ['pg_catalog', 'pg_statistic_ext'],
    ['pg_catalog', 'pg_settings'],
    ['pg_catalog', 'pg_roles'],
    ['pg_catalog', 'pg_type'],
    ['information_schema', 'columns'],
    ['information_schema', 'tables'],
    ['public', 'pg_stats'],
    ['finance', 'journal_entries'],
  ])('allows %s.%s', (schema, name) => {
    expect(deniedRelation(schema, name)).toBeNull();
  });
});

describe('against the test server', () => {
  it('refuses every function whose EXECUTE is not granted to PUBLIC', async () => {
    const client = new pg.Client({ connectionString: adminUrl() });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string }>(
        `select distinct proname as name from pg_proc
         where pronamespace = 'pg_catalog'::regnamespace and not has_function_privilege('public', oid, 'EXECUTE')`,
      );
      expect(rows.length).toBeGreaterThan(20);
      expect(rows.filter((row) => functionVerdict(undefined, row.name).allowed).map((row) => row.name)).toEqual([]);
    } finally {
      await client.end();
    }
  });
});
