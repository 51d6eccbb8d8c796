// The catalog rows that do not depend on the file (schemas, types, access methods, collations), and the
// relations that are views over the others or over the session (roles and the database: whoever is logged
// in, to the database the client named).
import { BTREE_AM, CURRENT_ROLE_OID, DATABASE_OID, DATABASE_OWNER_OID, HEAP_AM, NAMESPACE } from './catalog-oids.js';
import type { Row } from './catalog-rows.js';
import { CATALOG_TYPES } from './catalog-types.js';

const USER = `pgf_setting('session_authorization', 1)`;
const DATABASE = `coalesce(pgf_setting('pgfabric.database', 1), pgf_setting('database', 1), 'main')`;

/** SELECTs whose columns follow the relation's spec in order. */
export const VIEWS: Readonly<Record<string, string>> = {
  pg_roles: `SELECT ${USER}, 0, 1, 0, 0, 1, 0, -1, '********', NULL, 0, NULL, ${CURRENT_ROLE_OID}`,
  pg_user: `SELECT ${USER}, ${CURRENT_ROLE_OID}, 0, 0, 0, 0, '********', NULL, NULL`,
  pg_database: `SELECT ${DATABASE_OID}, ${DATABASE}, ${CURRENT_ROLE_OID}, 6, 'c', 0, 1, -1, 1663, 'C', 'C', NULL, NULL, NULL`,
  pg_tables: `SELECT 'public', relname, ${USER}, NULL, relhasindex, 0, 0, 0 FROM pg_class WHERE relkind = 'r'`,
  pg_views: `SELECT 'public', relname, ${USER}, pgf_viewdef FROM pg_class WHERE relkind = 'v'`,
  pg_indexes: `SELECT 'public', t.relname, i.relname, NULL, x.pgf_def_full FROM pg_index AS x JOIN pg_class AS i ON i.oid = x.indexrelid JOIN pg_class AS t ON t.oid = x.indrelid`,
  // SQLite keeps no index statistics: the counters are refused when read, the rest answers.
  pg_stat_user_indexes: `SELECT x.indrelid, x.indexrelid, 'public', t.relname, i.relname, ${refused("'pg_stat_user_indexes.idx_scan'")}, ${refused("'pg_stat_user_indexes.idx_tup_read'")},
    ${refused("'pg_stat_user_indexes.idx_tup_fetch'")} FROM pg_index AS x JOIN pg_class AS i ON i.oid = x.indexrelid JOIN pg_class AS t ON t.oid = x.indrelid`,
  // Over pgf_sequences (catalog-sequences.ts): what is not known of a sequence is refused when read.
  pg_sequences: `SELECT 'public', name, ${USER}, typid, CASE WHEN start IS NULL THEN ${refused(`'pg_sequences.start_value of a used sequence ("' || name || '")'`)} ELSE start END,
    min, max, inc, cycle, cache, CASE WHEN last_known THEN last ELSE ${refused(`'pg_sequences.last_value of a serial primary key sequence ("' || name || '")'`)} END FROM pgf_sequences`,
};

/** SQL raising 0A000 for `what` (an SQL text expression) when evaluated. */
function refused(what: string): string {
  return `pgf_catalog_error('0A000', ${what} || ' is not supported on SQLite tenants')`;
}

/** Btree default operator classes (Postgres 15's OIDs) by input type OID; varchar indexes use text_ops, as in Postgres. */
const BTREE_OPCLASSES: readonly [oid: number, name: string, type: number, family: number, keytype: number][] = [
  [1978, 'int4_ops', 23, 1976, 0], [1979, 'int2_ops', 21, 1976, 0], [1981, 'oid_ops', 26, 1989, 0], [3122, 'date_ops', 1082, 434, 0],
  [3123, 'float8_ops', 701, 1970, 0], [3124, 'int8_ops', 20, 1976, 0], [3125, 'numeric_ops', 1700, 1988, 0], [3126, 'text_ops', 25, 1994, 0],
  [3127, 'timestamptz_ops', 1184, 434, 0], [3128, 'timestamp_ops', 1114, 434, 0], [10003, 'bool_ops', 16, 424, 0], [10004, 'bpchar_ops', 1042, 426, 0],
  [10006, 'bytea_ops', 17, 428, 0], [10007, 'char_ops', 18, 429, 0], [10012, 'float4_ops', 700, 1970, 0], [10015, 'inet_ops', 869, 1974, 0],
  [10022, 'interval_ops', 1186, 1982, 0], [10028, 'name_ops', 19, 1994, 2275], [10038, 'time_ops', 1083, 1996, 0], [10065, 'uuid_ops', 2950, 2968, 0],
  [10088, 'jsonb_ops', 3802, 4033, 0],
];

/** The btree operator class Postgres gives an index column of type `typeOid` by default (0 when there is none). */
export function defaultOpclass(typeOid: number): number {
  const type = typeOid === 1043 ? 25 : typeOid;
  return BTREE_OPCLASSES.find((o) => o[2] === type)?.[0] ?? 0;
}

export function staticRows(): Record<string, Row[]> {
  return {
    pg_namespace: [
      { oid: NAMESPACE.pg_catalog, nspname: 'pg_catalog', nspowner: CURRENT_ROLE_OID },
      { oid: NAMESPACE.public, nspname: 'public', nspowner: DATABASE_OWNER_OID },
      { oid: NAMESPACE.information_schema, nspname: 'information_schema', nspowner: CURRENT_ROLE_OID },
    ],
    pg_type: CATALOG_TYPES.map((t) => ({
      oid: t.oid, typname: t.typname, typnamespace: NAMESPACE.pg_catalog, typowner: CURRENT_ROLE_OID, typlen: t.typlen, typbyval: t.typbyval ? 1 : 0,
      typtype: t.typtype, typcategory: t.typcategory, typispreferred: 0, typisdefined: 1, typdelim: ',', typrelid: 0, typelem: t.typelem, typarray: t.typarray,
      typinput: t.typelem ? 'array_in' : t.typname + 'in', typoutput: t.typelem ? 'array_out' : t.typname + 'out', typreceive: t.typelem ? 'array_recv' : t.typname + 'recv',
      typsend: t.typelem ? 'array_send' : t.typname + 'send', typmodin: '-', typmodout: '-', typanalyze: '-', typalign: t.typalign, typstorage: t.typstorage,
      typnotnull: 0, typbasetype: 0, typtypmod: -1, typndims: 0, typcollation: t.typcollation,
    })),
    pg_opclass: BTREE_OPCLASSES.map(([oid, opcname, opcintype, opcfamily, opckeytype]) => ({
      oid, opcmethod: BTREE_AM, opcname, opcnamespace: NAMESPACE.pg_catalog, opcowner: CURRENT_ROLE_OID, opcfamily, opcintype, opcdefault: 1, opckeytype,
    })),
    pg_tablespace: [
      { oid: 1663, spcname: 'pg_default', spcowner: CURRENT_ROLE_OID },
      { oid: 1664, spcname: 'pg_global', spcowner: CURRENT_ROLE_OID },
    ],
    pg_am: [
      { oid: HEAP_AM, amname: 'heap', amhandler: 'heap_tableam_handler', amtype: 't' },
      { oid: BTREE_AM, amname: 'btree', amhandler: 'bthandler', amtype: 'i' },
    ],
    pg_collation: [
      { oid: 100, collname: 'default', collnamespace: NAMESPACE.pg_catalog, collowner: CURRENT_ROLE_OID, collprovider: 'd', collisdeterministic: 1, collencoding: -1 },
      { oid: 950, collname: 'C', collnamespace: NAMESPACE.pg_catalog, collowner: CURRENT_ROLE_OID, collprovider: 'c', collisdeterministic: 1, collencoding: -1, collcollate: 'C', collctype: 'C' },
      { oid: 951, collname: 'POSIX', collnamespace: NAMESPACE.pg_catalog, collowner: CURRENT_ROLE_OID, collprovider: 'c', collisdeterministic: 1, collencoding: -1, collcollate: 'POSIX', collctype: 'POSIX' },
    ],
  };
}

export { DATABASE_OID };
