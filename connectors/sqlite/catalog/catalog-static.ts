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
};

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
