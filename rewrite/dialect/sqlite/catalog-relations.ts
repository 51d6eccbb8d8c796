// The emulated pg_catalog and information_schema relations (tables the SQLite connector keeps in an attached
// in-memory database of the same name, filled from the file's schema): their columns and types. The same
// specs are in connectors/sqlite/catalog/catalog-specs.ts (a unit test checks they agree).
import { pgType } from '../common/pg-types.js';
import type { ShapeColumn } from '../common/scope.js';

export type CatalogRelation = { readonly schema: 'pg_catalog' | 'information_schema'; readonly columns: readonly ShapeColumn[] };

/** `column type, …` with the dialect's internal type names. */
export const PG_CATALOG_SPECS: Readonly<Record<string, string>> = {
  pg_namespace: 'oid oid, nspname name, nspowner oid, nspacl _text',
  pg_class: 'oid oid, relname name, relnamespace oid, reltype oid, reloftype oid, relowner oid, relam oid, relfilenode oid, reltablespace oid, relpages int4, reltuples float4, relallvisible int4, reltoastrelid oid, relhasindex bool, relisshared bool, relpersistence char, relkind char, relnatts int2, relchecks int2, relhasrules bool, relhastriggers bool, relhassubclass bool, relrowsecurity bool, relforcerowsecurity bool, relispopulated bool, relreplident char, relispartition bool, relrewrite oid, relacl _text, reloptions _text, relpartbound text',
  pg_attribute: 'attrelid oid, attname name, atttypid oid, attstattarget int4, attlen int2, attnum int2, attndims int4, attcacheoff int4, atttypmod int4, attbyval bool, attalign char, attstorage char, attcompression char, attnotnull bool, atthasdef bool, atthasmissing bool, attidentity char, attgenerated char, attisdropped bool, attislocal bool, attinhcount int4, attcollation oid, attacl _text, attoptions _text, attfdwoptions _text, attmissingval text',
  pg_attrdef: 'oid oid, adrelid oid, adnum int2, adbin text',
  pg_type: 'oid oid, typname name, typnamespace oid, typowner oid, typlen int2, typbyval bool, typtype char, typcategory char, typispreferred bool, typisdefined bool, typdelim char, typrelid oid, typelem oid, typarray oid, typinput text, typoutput text, typreceive text, typsend text, typmodin text, typmodout text, typanalyze text, typalign char, typstorage char, typnotnull bool, typbasetype oid, typtypmod int4, typndims int4, typcollation oid, typdefaultbin text, typdefault text, typacl _text',
  pg_index: 'indexrelid oid, indrelid oid, indnatts int2, indnkeyatts int2, indisunique bool, indnullsnotdistinct bool, indisprimary bool, indisexclusion bool, indimmediate bool, indisclustered bool, indisvalid bool, indcheckxmin bool, indisready bool, indislive bool, indisreplident bool, indkey int2vector, indcollation oidvector, indclass oidvector, indoption int2vector, indexprs text, indpred text',
  pg_constraint: 'oid oid, conname name, connamespace oid, contype char, condeferrable bool, condeferred bool, convalidated bool, conrelid oid, contypid oid, conindid oid, conparentid oid, confrelid oid, confupdtype char, confdeltype char, confmatchtype char, conislocal bool, coninhcount int4, connoinherit bool, conkey _int2, confkey _int2, conpfeqop _oid, conppeqop _oid, conffeqop _oid, confdelsetcols _int2, conexclop _oid, conbin text',
  pg_am: 'oid oid, amname name, amhandler text, amtype char',
  pg_database: 'oid oid, datname name, datdba oid, encoding int4, datlocprovider char, datistemplate bool, datallowconn bool, datconnlimit int4, dattablespace oid, datcollate text, datctype text, daticulocale text, datcollversion text, datacl _text',
  pg_roles: 'rolname name, rolsuper bool, rolinherit bool, rolcreaterole bool, rolcreatedb bool, rolcanlogin bool, rolreplication bool, rolconnlimit int4, rolpassword text, rolvaliduntil timestamptz, rolbypassrls bool, rolconfig _text, oid oid',
  pg_user: 'usename name, usesysid oid, usecreatedb bool, usesuper bool, userepl bool, usebypassrls bool, passwd text, valuntil timestamptz, useconfig _text',
  pg_auth_members: 'roleid oid, member oid, grantor oid, admin_option bool',
  pg_collation: 'oid oid, collname name, collnamespace oid, collowner oid, collprovider char, collisdeterministic bool, collencoding int4, collcollate text, collctype text, colliculocale text, collversion text',
  pg_description: 'objoid oid, classoid oid, objsubid int4, description text',
  pg_policy: 'oid oid, polname name, polrelid oid, polcmd char, polpermissive bool, polroles _oid, polqual text, polwithcheck text',
  pg_statistic_ext: 'oid oid, stxrelid oid, stxname name, stxnamespace oid, stxowner oid, stxstattarget int4, stxkeys _int2, stxkind _char, stxexprs text',
  pg_publication: 'oid oid, pubname name, pubowner oid, puballtables bool, pubinsert bool, pubupdate bool, pubdelete bool, pubtruncate bool, pubviaroot bool',
  pg_publication_namespace: 'oid oid, pnpubid oid, pnnspid oid',
  pg_publication_rel: 'oid oid, prpubid oid, prrelid oid, prqual text, prattrs _int2',
  pg_rewrite: 'oid oid, rulename name, ev_class oid, ev_type char, ev_enabled char, is_instead bool, ev_qual text, ev_action text',
  pg_trigger: 'oid oid, tgrelid oid, tgparentid oid, tgname name, tgfoid oid, tgtype int2, tgenabled char, tgisinternal bool, tgconstrrelid oid, tgconstrindid oid, tgconstraint oid, tgdeferrable bool, tginitdeferred bool, tgnargs int2, tgattr _int2, tgargs bytea, tgqual text, tgoldtable name, tgnewtable name',
  pg_inherits: 'inhrelid oid, inhparent oid, inhseqno int4, inhdetachpending bool',
  pg_enum: 'oid oid, enumtypid oid, enumsortorder float4, enumlabel name',
  pg_sequence: 'seqrelid oid, seqtypid oid, seqstart int8, seqincrement int8, seqmax int8, seqmin int8, seqcache int8, seqcycle bool',
  pg_tables: 'schemaname name, tablename name, tableowner name, tablespace name, hasindexes bool, hasrules bool, hastriggers bool, rowsecurity bool',
  pg_views: 'schemaname name, viewname name, viewowner name, definition text',
  pg_indexes: 'schemaname name, tablename name, indexname name, tablespace name, indexdef text',
  pg_opclass: 'oid oid, opcmethod oid, opcname name, opcnamespace oid, opcowner oid, opcfamily oid, opcintype oid, opcdefault bool, opckeytype oid',
  pg_tablespace: 'oid oid, spcname name, spcowner oid, spcacl _text, spcoptions _text',
  pg_policies: 'schemaname name, tablename name, policyname name, permissive text, roles _name, cmd text, qual text, with_check text',
  pg_stat_user_indexes: 'relid oid, indexrelid oid, schemaname name, relname name, indexrelname name, idx_scan int8, idx_tup_read int8, idx_tup_fetch int8',
  pg_sequences: 'schemaname name, sequencename name, sequenceowner name, data_type regtype, start_value int8, min_value int8, max_value int8, increment_by int8, cycle bool, cache_size int8, last_value int8',
};

export const INFORMATION_SCHEMA_SPECS: Readonly<Record<string, string>> = {
  schemata: 'catalog_name name, schema_name name, schema_owner name, default_character_set_catalog name, default_character_set_schema name, default_character_set_name name, sql_path varchar',
  tables: 'table_catalog name, table_schema name, table_name name, table_type varchar, self_referencing_column_name name, reference_generation varchar, user_defined_type_catalog name, user_defined_type_schema name, user_defined_type_name name, is_insertable_into varchar, is_typed varchar, commit_action varchar',
  columns: 'table_catalog name, table_schema name, table_name name, column_name name, ordinal_position int4, column_default varchar, is_nullable varchar, data_type varchar, character_maximum_length int4, character_octet_length int4, numeric_precision int4, numeric_precision_radix int4, numeric_scale int4, datetime_precision int4, interval_type varchar, interval_precision int4, character_set_catalog name, character_set_schema name, character_set_name name, collation_catalog name, collation_schema name, collation_name name, domain_catalog name, domain_schema name, domain_name name, udt_catalog name, udt_schema name, udt_name name, scope_catalog name, scope_schema name, scope_name name, maximum_cardinality int4, dtd_identifier name, is_self_referencing varchar, is_identity varchar, identity_generation varchar, identity_start varchar, identity_increment varchar, identity_maximum varchar, identity_minimum varchar, identity_cycle varchar, is_generated varchar, generation_expression varchar, is_updatable varchar',
  views: 'table_catalog name, table_schema name, table_name name, view_definition varchar, check_option varchar, is_updatable varchar, is_insertable_into varchar, is_trigger_updatable varchar, is_trigger_deletable varchar, is_trigger_insertable_into varchar',
  table_constraints: 'constraint_catalog name, constraint_schema name, constraint_name name, table_catalog name, table_schema name, table_name name, constraint_type varchar, is_deferrable varchar, initially_deferred varchar, enforced varchar, nulls_distinct varchar',
  key_column_usage: 'constraint_catalog name, constraint_schema name, constraint_name name, table_catalog name, table_schema name, table_name name, column_name name, ordinal_position int4, position_in_unique_constraint int4',
  referential_constraints: 'constraint_catalog name, constraint_schema name, constraint_name name, unique_constraint_catalog name, unique_constraint_schema name, unique_constraint_name name, match_option varchar, update_rule varchar, delete_rule varchar',
  constraint_column_usage: 'table_catalog name, table_schema name, table_name name, column_name name, constraint_catalog name, constraint_schema name, constraint_name name',
};

function columnsOf(spec: string): ShapeColumn[] {
  return spec.split(',').map((part) => {
    const [name, typeName] = part.trim().split(/\s+/) as [string, string];
    const type = pgType(typeName);
    if (!type) throw new Error(`catalog relation column ${name}: unknown type ${typeName}`);
    return { name, type };
  });
}

const RELATIONS = new Map<string, CatalogRelation>();
for (const [name, spec] of Object.entries(PG_CATALOG_SPECS)) RELATIONS.set('pg_catalog.' + name, { schema: 'pg_catalog', columns: columnsOf(spec) });
for (const [name, spec] of Object.entries(INFORMATION_SCHEMA_SPECS)) RELATIONS.set('information_schema.' + name, { schema: 'information_schema', columns: columnsOf(spec) });

/** `schema` null: an unqualified name, which Postgres looks up in pg_catalog first. */
export function catalogRelation(schema: string | null, name: string): CatalogRelation | undefined {
  if (schema === null) return RELATIONS.get('pg_catalog.' + name);
  return RELATIONS.get(schema + '.' + name);
}

/** Every emulated relation (the tenant rules' catalog lists them, so queries naming them pass). */
export function catalogRelations(): { schema: string; name: string; columns: string[] }[] {
  return [...RELATIONS].map(([key, r]) => ({ schema: r.schema, name: key.slice(r.schema.length + 1), columns: r.columns.map((c) => c.name) }));
}
