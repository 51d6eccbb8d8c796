// The emulated pg_catalog and information_schema of SQLite tenants, through psql's describe commands
// (compared line for line with the same DDL on the real Postgres where the output does not name an owner)
// and through the introspection queries of ORMs (Knex, Kysely, TypeORM) and drivers (postgres.js types).
import { execFile } from 'node:child_process';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProxy, type RunningProxy } from '../helpers/start-proxy.js';
import { adminUrl, createTestDatabase } from '../helpers/test-database.js';
import { onPath } from '../helpers/cli-clients.js';

const DDL = [
  `create table customers (id serial primary key, name varchar(100) not null, email text unique, balance numeric(12,2) default 0,
     created_at timestamp with time zone not null default now(), active boolean default true)`,
  `create table orders (id bigint primary key, customer_id integer not null references customers(id), total numeric(12,2), note text, placed date)`,
  `create index orders_customer_idx on orders (customer_id)`,
  `create view big_orders as select id, total from orders where total > 100`,
];

const PSQL = onPath('psql');
if (!PSQL) console.log('sqlite-catalog.test.ts: psql is not on PATH; the psql tests are skipped');

function psql(url: string, command: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) =>
    execFile(PSQL!, ['-X', '-c', command, url], { timeout: 20_000 }, (err, out, errOut) =>
      resolve({ code: err ? Number((err as { code?: number }).code ?? -1) : 0, stdout: String(out), stderr: String(errOut) })),
  );
}

let proxy: RunningProxy;
let referenceUrl: string;
let client: pg.Client;

beforeAll(async () => {
  proxy = await startProxy({ database: 'sqlite_catalog', sqlite: true });
  client = new pg.Client(proxy.url('alice'));
  await client.connect();
  for (const ddl of DDL) await client.query(ddl);
  referenceUrl = await createTestDatabase(adminUrl(), 'sqlite_catalog_ref');
  const ref = new pg.Client(referenceUrl);
  await ref.connect();
  for (const ddl of DDL) await ref.query(ddl);
  await ref.end();
});

afterAll(async () => {
  await client?.end();
  await proxy?.stop();
});

describe('psql describe commands on a SQLite tenant', () => {
  it('\\dt lists the tables, \\dv the view, \\di the indexes (with their tables)', async (ctx) => {
    if (!PSQL) return ctx.skip();
    const dt = await psql(proxy.url('alice'), '\\dt');
    expect(dt.stderr).toBe('');
    expect(dt.stdout).toMatch(/public \| customers \| table \| alice/);
    expect(dt.stdout).toMatch(/public \| orders {4}\| table \| alice/);
    expect(dt.stdout).toContain('(2 rows)');
    const dv = await psql(proxy.url('alice'), '\\dv');
    expect(dv.stdout).toMatch(/public \| big_orders \| view \| alice/);
    const di = await psql(proxy.url('alice'), '\\di');
    for (const [index, table] of [['customers_email_key', 'customers'], ['customers_pkey', 'customers'], ['orders_customer_idx', 'orders'], ['orders_pkey', 'orders']]) {
      expect(di.stdout).toMatch(new RegExp(`public \\| ${index} +\\| index \\| alice \\| ${table}`));
    }
  });

  it('\\d table prints what Postgres prints: types, nullability, defaults, indexes, foreign keys both ways', async (ctx) => {
    if (!PSQL) return ctx.skip();
    for (const command of ['\\d customers', '\\d orders', '\\d+ customers', '\\d big_orders']) {
      const ours = await psql(proxy.url('alice'), command);
      const theirs = await psql(referenceUrl, command);
      expect(ours.stderr, command).toBe('');
      expect(ours.stdout, command).toBe(theirs.stdout);
    }
    const d = await psql(proxy.url('alice'), '\\d customers');
    expect(d.stdout).toMatch(/ name +\| character varying\(100\) +\| +\| not null \|/);
    expect(d.stdout).toMatch(/ balance +\| numeric\(12,2\) +\| +\| +\| 0/);
    expect(d.stdout).toMatch(/ created_at +\| timestamp with time zone \| +\| not null \| now\(\)/);
    expect(d.stdout).toContain('"customers_pkey" PRIMARY KEY, btree (id)');
    expect(d.stdout).toContain('TABLE "orders" CONSTRAINT "orders_customer_id_fkey" FOREIGN KEY (customer_id) REFERENCES customers(id)');
  });

  it('\\dn, \\l and \\du describe the schema, the tenant database and the logged-in role', async (ctx) => {
    if (!PSQL) return ctx.skip();
    const dn = await psql(proxy.url('alice'), '\\dn');
    expect(dn.stdout).toMatch(/public \| pg_database_owner/);
    expect(dn.stdout).toContain('(1 row)');
    const l = await psql(proxy.url('alice'), '\\l');
    expect(l.stderr).toBe('');
    expect(l.stdout).toMatch(/acme +\| alice +\| UTF8/);
    const du = await psql(proxy.url('alice'), '\\du');
    expect(du.stderr).toBe('');
    expect(du.stdout).toMatch(/alice +\| +\| \{\}/);
  });

  it('sees DDL made after the catalog was first read', async (ctx) => {
    if (!PSQL) return ctx.skip();
    expect((await psql(proxy.url('alice'), '\\dt')).stdout).not.toContain('later');
    await client.query('create table later (id integer primary key, code char(3))');
    const d = await psql(proxy.url('alice'), '\\d later');
    expect(d.stdout).toMatch(/ code +\| character\(3\) +\|/);
    await client.query('drop table later');
    expect((await psql(proxy.url('alice'), '\\dt')).stdout).not.toContain('later');
  });
});

describe('ORM and driver introspection on a SQLite tenant', () => {
  it('Knex hasTable / hasColumn / columnInfo', async () => {
    const has = await client.query('select * from information_schema.tables where table_name = $1 and table_schema = current_schema()', ['customers']);
    expect(has.rows).toHaveLength(1);
    expect(has.rows[0]).toMatchObject({ table_catalog: 'acme', table_schema: 'public', table_name: 'customers', table_type: 'BASE TABLE' });
    const missing = await client.query('select * from information_schema.tables where table_name = $1 and table_schema = current_schema()', ['nope']);
    expect(missing.rows).toHaveLength(0);
    const col = await client.query('select * from information_schema.columns where table_name = $1 and column_name = $2 and table_schema = current_schema()', ['customers', 'email']);
    expect(col.rows).toHaveLength(1);
    const info = await client.query('select * from information_schema.columns where table_name = $1 and table_catalog = current_database() and table_schema = current_schema()', ['customers']);
    const byName = Object.fromEntries(info.rows.map((r: Record<string, unknown>) => [r['column_name'], r]));
    expect(byName['name']).toMatchObject({ data_type: 'character varying', character_maximum_length: 100, is_nullable: 'NO', column_default: null });
    expect(byName['balance']).toMatchObject({ data_type: 'numeric', numeric_precision: 12, numeric_scale: 2, column_default: '0', is_nullable: 'YES' });
    expect(byName['created_at']).toMatchObject({ data_type: 'timestamp with time zone', is_nullable: 'NO', column_default: 'now()' });
    expect(byName['id']).toMatchObject({ data_type: 'integer', column_default: "nextval('customers_id_seq'::regclass)", udt_name: 'int4' });
  });

  it('Kysely getTables()', async () => {
    const sql = `select "a"."attname" as "column", "a"."attnotnull" as "not_null", "a"."atthasdef" as "has_default", "c"."relname" as "table", "c"."relkind" as "table_type",
      "ns"."nspname" as "schema", "typ"."typname" as "type", "dtns"."nspname" as "type_schema", col_description(a.attrelid, a.attnum) as "column_description",
      pg_get_serial_sequence(quote_ident(ns.nspname) || '.' || quote_ident(c.relname), a.attname) as "auto_incrementing"
      from "pg_catalog"."pg_attribute" as "a" inner join "pg_catalog"."pg_class" as "c" on "a"."attrelid" = "c"."oid"
      inner join "pg_catalog"."pg_namespace" as "ns" on "c"."relnamespace" = "ns"."oid" inner join "pg_catalog"."pg_type" as "typ" on "a"."atttypid" = "typ"."oid"
      inner join "pg_catalog"."pg_namespace" as "dtns" on "typ"."typnamespace" = "dtns"."oid"
      where "c"."relkind" in ($1, $2, $3) and "ns"."nspname" !~ $4 and "ns"."nspname" != $5 and "ns"."nspname" != $6 and has_schema_privilege(ns.nspname, 'USAGE')
      and "a"."attnum" >= $7 and "a"."attisdropped" != $8 and "c"."relname" != $9 and "c"."relname" != $10 order by "ns"."nspname", "c"."relname", "a"."attnum"`;
    const res = await client.query(sql, ['r', 'v', 'p', '^pg_', 'information_schema', 'crdb_internal', 0, true, 'kysely_migration', 'kysely_migration_lock']);
    const customers = res.rows.filter((r: Record<string, unknown>) => r['table'] === 'customers');
    expect(customers.map((r: Record<string, unknown>) => [r['column'], r['type'], r['not_null'], r['has_default']])).toEqual([
      ['id', 'int4', true, true], ['name', 'varchar', true, false], ['email', 'text', false, false], ['balance', 'numeric', false, true],
      ['created_at', 'timestamptz', true, true], ['active', 'bool', false, true],
    ]);
    expect(customers[0]).toMatchObject({ auto_incrementing: 'public.customers_id_seq', schema: 'public', type_schema: 'pg_catalog', table_type: 'r', column_description: null });
    expect(res.rows.find((r: Record<string, unknown>) => r['table'] === 'big_orders')?.['table_type']).toBe('v');
  });

  it('TypeORM loadTables: tables with comments, columns with regtype and format_type, constraints, indices', async () => {
    const tables = await client.query(`SELECT "table_schema", "table_name", obj_description((quote_ident("table_schema") || '.' || quote_ident("table_name"))::regclass, 'pg_class') AS table_comment FROM "information_schema"."tables" WHERE ("table_schema" = 'public' AND "table_name" = 'orders')`);
    expect(tables.rows).toEqual([{ table_schema: 'public', table_name: 'orders', table_comment: null }]);
    const columns = await client.query(`SELECT columns.*, pg_catalog.col_description((quote_ident(table_catalog) || '.' || quote_ident(table_schema) || '.' || quote_ident(table_name))::regclass::oid, ordinal_position) AS description, ('"' || "udt_schema" || '"."' || "udt_name" || '"')::"regtype"::text AS "regtype", pg_catalog.format_type("col_attr"."atttypid", "col_attr"."atttypmod") AS "format_type" FROM "information_schema"."columns" LEFT JOIN "pg_catalog"."pg_attribute" AS "col_attr" ON "col_attr"."attname" = "columns"."column_name" AND "col_attr"."attrelid" = ( SELECT "cls"."oid" FROM "pg_catalog"."pg_class" AS "cls" LEFT JOIN "pg_catalog"."pg_namespace" AS "ns" ON "ns"."oid" = "cls"."relnamespace" WHERE "cls"."relname" = "columns"."table_name" AND "ns"."nspname" = "columns"."table_schema" ) WHERE ("table_schema" = 'public' AND "table_name" = 'orders')`);
    expect(columns.rows.map((r: Record<string, unknown>) => [r['column_name'], r['regtype'], r['format_type']])).toEqual([
      ['id', 'bigint', 'bigint'], ['customer_id', 'integer', 'integer'], ['total', 'numeric', 'numeric(12,2)'], ['note', 'text', 'text'], ['placed', 'date', 'date'],
    ]);
    const constraints = await client.query(`SELECT "ns"."nspname" AS "table_schema", "t"."relname" AS "table_name", "cnst"."conname" AS "constraint_name", pg_get_constraintdef("cnst"."oid") AS "expression", CASE "cnst"."contype" WHEN 'p' THEN 'PRIMARY' WHEN 'u' THEN 'UNIQUE' WHEN 'c' THEN 'CHECK' WHEN 'x' THEN 'EXCLUDE' END AS "constraint_type", "a"."attname" AS "column_name" FROM "pg_constraint" "cnst" INNER JOIN "pg_class" "t" ON "t"."oid" = "cnst"."conrelid" INNER JOIN "pg_namespace" "ns" ON "ns"."oid" = "cnst"."connamespace" LEFT JOIN "pg_attribute" "a" ON "a"."attrelid" = "cnst"."conrelid" AND "a"."attnum" = ANY ("cnst"."conkey") WHERE "t"."relkind" IN ('r', 'p') AND (("ns"."nspname" = 'public' AND "t"."relname" = 'customers'))`);
    expect(constraints.rows.map((r: Record<string, unknown>) => [r['constraint_name'], r['constraint_type'], r['column_name'], r['expression']]).sort()).toEqual([
      ['customers_email_key', 'UNIQUE', 'email', 'UNIQUE (email)'], ['customers_pkey', 'PRIMARY', 'id', 'PRIMARY KEY (id)'],
    ]);
    const indices = await client.query(`SELECT "ns"."nspname" AS "table_schema", "t"."relname" AS "table_name", "i"."relname" AS "constraint_name", "a"."attname" AS "column_name", CASE "ix"."indisunique" WHEN 't' THEN 'TRUE' ELSE'FALSE' END AS "is_unique", pg_get_expr("ix"."indpred", "ix"."indrelid") AS "condition", "types"."typname" AS "type_name", "am"."amname" AS "index_type" FROM "pg_class" "t" INNER JOIN "pg_index" "ix" ON "ix"."indrelid" = "t"."oid" INNER JOIN "pg_attribute" "a" ON "a"."attrelid" = "t"."oid"  AND "a"."attnum" = ANY ("ix"."indkey") INNER JOIN "pg_namespace" "ns" ON "ns"."oid" = "t"."relnamespace" INNER JOIN "pg_class" "i" ON "i"."oid" = "ix"."indexrelid" INNER JOIN "pg_type" "types" ON "types"."oid" = "a"."atttypid" INNER JOIN "pg_am" "am" ON "i"."relam" = "am"."oid" LEFT JOIN "pg_constraint" "cnst" ON "cnst"."conname" = "i"."relname" WHERE "t"."relkind" IN ('r', 'p') AND "cnst"."contype" IS NULL AND (("ns"."nspname" = 'public' AND "t"."relname" = 'orders'))`);
    expect(indices.rows).toEqual([{ table_schema: 'public', table_name: 'orders', constraint_name: 'orders_customer_idx', column_name: 'customer_id', is_unique: 'FALSE', condition: null, type_name: 'int4', index_type: 'btree' }]);
  });

  it('TypeORM loadTables: the foreign keys (two unnest() calls in lockstep in a select list), as Postgres answers them', async () => {
    const sql = `SELECT "con"."conname" AS "constraint_name", "con"."nspname" AS "table_schema", "con"."relname" AS "table_name", "att2"."attname" AS "column_name", "ns"."nspname" AS "referenced_table_schema", "cl"."relname" AS "referenced_table_name", "att"."attname" AS "referenced_column_name", "con"."confdeltype" AS "on_delete", "con"."confupdtype" AS "on_update", "con"."condeferrable" AS "deferrable", "con"."condeferred" AS "deferred" FROM ( SELECT UNNEST ("con1"."conkey") AS "parent", UNNEST ("con1"."confkey") AS "child", "con1"."confrelid", "con1"."conrelid", "con1"."conname", "con1"."contype", "ns"."nspname", "cl"."relname", "con1"."condeferrable", CASE WHEN "con1"."condeferred" THEN 'INITIALLY DEFERRED' ELSE 'INITIALLY IMMEDIATE' END as condeferred, CASE "con1"."confdeltype" WHEN 'a' THEN 'NO ACTION' WHEN 'r' THEN 'RESTRICT' WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' WHEN 'd' THEN 'SET DEFAULT' END as "confdeltype", CASE "con1"."confupdtype" WHEN 'a' THEN 'NO ACTION' WHEN 'r' THEN 'RESTRICT' WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' WHEN 'd' THEN 'SET DEFAULT' END as "confupdtype" FROM "pg_class" "cl" INNER JOIN "pg_namespace" "ns" ON "cl"."relnamespace" = "ns"."oid" INNER JOIN "pg_constraint" "con1" ON "con1"."conrelid" = "cl"."oid" WHERE "con1"."contype" = 'f' AND (("ns"."nspname" = 'public' AND "cl"."relname" = 'orders')) ) "con" INNER JOIN "pg_attribute" "att" ON "att"."attrelid" = "con"."confrelid" AND "att"."attnum" = "con"."child" INNER JOIN "pg_class" "cl" ON "cl"."oid" = "con"."confrelid"  AND "cl"."relispartition" = 'f'INNER JOIN "pg_namespace" "ns" ON "cl"."relnamespace" = "ns"."oid" INNER JOIN "pg_attribute" "att2" ON "att2"."attrelid" = "con"."conrelid" AND "att2"."attnum" = "con"."parent"`;
    const ref = new pg.Client(referenceUrl);
    await ref.connect();
    try {
      const want = (await ref.query(sql)).rows;
      const got = (await client.query(sql)).rows;
      expect(want.length).toBe(1);
      expect(got).toEqual(want);
    } finally {
      await ref.end();
    }
  });

  it('postgres.js array type discovery, regclass/regtype casts, sizes, settings and session functions', async () => {
    const types = await client.query(`select b.oid, b.typarray from pg_catalog.pg_type a left join pg_catalog.pg_type b on b.oid = a.typelem where a.typcategory = 'A' group by b.oid, b.typarray order by b.oid`);
    expect(types.rows).toContainEqual({ oid: 23, typarray: 1007 });
    const casts = await client.query(`select 'customers'::regclass as rel, 'customers'::regclass::oid = (select oid from pg_class where relname = 'customers') as same, 'int4'::regtype as typ, 'public'::regnamespace as ns, to_regclass('nope') as none`);
    expect(casts.rows[0]).toEqual({ rel: 'customers', same: true, typ: 'integer', ns: 'public', none: null });
    await expect(client.query(`select 'nosuch'::regclass`)).rejects.toMatchObject({ code: '42P01' });
    const size = await client.query(`select pg_size_pretty(pg_total_relation_size('customers')) as s, has_table_privilege('customers', 'SELECT') as p, format_type(1043, 104) as f`);
    expect(size.rows[0]).toMatchObject({ p: true, f: 'character varying(100)' });
    expect(size.rows[0].s).toMatch(/^\d+ (bytes|kB)$/);
    const fns = await client.query('select version() as v, current_database() as d, current_schema() as s');
    expect(fns.rows[0]).toEqual({ v: expect.stringMatching(/^PostgreSQL 15/), d: 'acme', s: 'public' });
    for (const [name, value] of [['server_version', '15.18'], ['standard_conforming_strings', 'on'], ['client_encoding', 'UTF8'], ['timezone', 'UTC'], ['datestyle', 'ISO, MDY'], ['search_path', '"$user", public']] as const) {
      expect((await client.query(`show ${name}`)).rows[0][name], name).toBe(value);
    }
  });

  it('gives a view its Postgres definition (pg_get_viewdef, pg_views, information_schema.views)', async () => {
    const def = (await client.query(`select pg_get_viewdef('big_orders'::regclass) as d`)).rows[0].d as string;
    expect(def).toMatch(/^ SELECT .*FROM .*orders.*;$/);
    const views = await client.query(`select definition from pg_views where viewname = 'big_orders'`);
    expect(views.rows).toEqual([{ definition: def }]);
    const info = await client.query(`select view_definition from information_schema.views where table_name = 'big_orders'`);
    expect(info.rows).toEqual([{ view_definition: def }]);
  });

  it('refuses what it cannot answer', async () => {
    await expect(client.query('select * from pg_catalog.pg_proc')).rejects.toMatchObject({ message: expect.stringContaining('pg_proc') });
  });
});
