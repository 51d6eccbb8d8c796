// A catalog and tenant context shaped like a real backend for the rewrite micro-benchmark: pgbench's
// tables made tenant-scoped, an ORM-style schema, and enough pg_catalog for psql's \d queries.
import { relationKey, type Catalog, type CatalogRelation } from '../../rewrite/catalog/catalog.js';
import type { TenantContext } from '../../rewrite/tenant/tenant-context.js';

function table(schema: string, name: string, columns: string[], kind: CatalogRelation['kind'] = 'table'): [string, CatalogRelation] {
  return [relationKey(schema, name), { schema, name, kind, columns, readsTenantScoped: false }];
}

export function benchCatalog(): Catalog {
  const relations = new Map<string, CatalogRelation>([
    table('public', 'pgbench_accounts', ['aid', 'bid', 'abalance', 'filler', 'tenant_id']),
    table('public', 'pgbench_branches', ['bid', 'bbalance', 'filler', 'tenant_id']),
    table('public', 'pgbench_tellers', ['tid', 'bid', 'tbalance', 'filler', 'tenant_id']),
    table('public', 'pgbench_history', ['tid', 'bid', 'aid', 'delta', 'mtime', 'filler', 'tenant_id']),
    table('app', 'users', ['id', 'tenant_id', 'email', 'name', 'created_at', 'updated_at']),
    table('app', 'orders', ['id', 'tenant_id', 'user_id', 'status', 'total', 'created_at']),
    table('app', 'order_lines', ['id', 'tenant_id', 'order_id', 'sku', 'qty', 'price']),
    table('pg_catalog', 'pg_class', ['oid', 'relname', 'relnamespace', 'relkind', 'relam', 'reltoastrelid', 'reloptions', 'relchecks', 'relhasindex', 'relhasrules', 'relhastriggers', 'relrowsecurity', 'relforcerowsecurity', 'relispartition', 'reltablespace', 'reloftype', 'relpersistence', 'relreplident']),
    table('pg_catalog', 'pg_namespace', ['oid', 'nspname']),
    table('pg_catalog', 'pg_am', ['oid', 'amname']),
  ]);
  const functions = new Map([['pg_catalog', new Set(['array_to_string', 'unnest', 'pg_table_is_visible', 'now', 'count'])]]);
  return { version: 1, schemas: new Set(['public', 'app', 'pg_catalog', 'information_schema']), relations, functions };
}

export function benchContext(): TenantContext {
  return {
    tenantId: '11111111-1111-1111-1111-111111111111',
    tenantColumn: 'tenant_id',
    roleName: 'app',
    schemas: { public: 'write', app: 'write' },
    searchPath: ['public'],
    crossSchemaJoins: 'allow',
    appendOnly: new Set(),
    allowedFunctions: new Set(),
    catalog: benchCatalog(),
    channelPrefix: 'acme:',
  };
}

export const BENCH_STATEMENTS: readonly { name: string; sql: string }[] = [
  { name: 'pgbench SELECT', sql: 'SELECT abalance FROM pgbench_accounts WHERE aid = $1;' },
  {
    name: '3-way join',
    sql: 'SELECT u.email, o.id, sum(l.qty * l.price) AS total FROM app.users u JOIN app.orders o ON o.user_id = u.id LEFT JOIN app.order_lines l ON l.order_id = o.id WHERE u.id = $1 GROUP BY u.email, o.id ORDER BY o.id',
  },
  {
    name: 'ORM INSERT … ON CONFLICT … RETURNING',
    sql: 'INSERT INTO "app"."users" ("id","tenant_id","email","name","created_at","updated_at") VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT ("id") DO UPDATE SET "email" = EXCLUDED."email", "name" = EXCLUDED."name", "updated_at" = EXCLUDED."updated_at" RETURNING "id","tenant_id","email","name","created_at","updated_at"',
  },
  {
    name: 'psql \\d catalog query',
    sql: `SELECT c.relchecks, c.relkind, c.relhasindex, c.relhasrules, c.relhastriggers, c.relrowsecurity, c.relforcerowsecurity, false AS relhasoids, c.relispartition, pg_catalog.array_to_string(c.reloptions || array(select 'toast.' || x from pg_catalog.unnest(tc.reloptions) x), ', ')
, c.reltablespace, CASE WHEN c.reloftype = 0 THEN '' ELSE c.reloftype::pg_catalog.regtype::pg_catalog.text END, c.relpersistence, c.relreplident, am.amname
FROM pg_catalog.pg_class c
 LEFT JOIN pg_catalog.pg_class tc ON (c.reltoastrelid = tc.oid)
LEFT JOIN pg_catalog.pg_am am ON (c.relam = am.oid)
WHERE c.oid = '16385';`,
  },
];
