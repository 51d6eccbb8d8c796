// The catalog of SQL Server tenants (connectors/mssql/catalog): a SQLite mirror built from sys.*-shaped rows
// (test/unit/mssql/catalog-fixture.ts) must answer the queries psql 15 sends for its describe commands —
// captured from the real psql with -E — and ORM/driver introspection queries as the real Postgres answers
// them for the same schema (the mirror's own Postgres DDL, run on the test server). Relation OIDs differ
// between the two; they are mapped by name both ways.
import { execFile } from 'node:child_process';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mirrorDdl } from '../../connectors/mssql/catalog/mirror-ddl.js';
import { MssqlCatalog, type CatalogFailure, type CatalogResult } from '../../connectors/mssql/catalog/mssql-catalog.js';
import { modelFromRows } from '../../connectors/mssql/catalog/mssql-schema-reader.js';
import type { ServerColumn, ServerModel, ServerTable } from '../../connectors/mssql/catalog/server-model.js';
import { translateToSqlite } from '../../rewrite/dialect/sqlite/index.js';
import { loadParser } from '../../rewrite/parser/pg-parser.js';
import { onPath } from '../helpers/cli-clients.js';
import { adminUrl, createTestDatabase } from '../helpers/test-database.js';
import { FIXTURE_ROWS } from '../unit/mssql/catalog-fixture.js';
import { introspect, type Introspection, type Queryable } from './drizzle-introspection.js';

const DATABASE = 'mssql_catalog_ref';
const PSQL = onPath('psql');
if (!PSQL) console.log('mssql-catalog-mirror.test.ts: psql is not on PATH; the psql describe-command tests are skipped');

type Answer = { names: string[]; types: number[]; rows: (string | null)[][] };

let catalog: MssqlCatalog;
let refUrl: string;
let ref: pg.Client;
/** Postgres OID ↔ mirror OID of every relation in public, by name. */
const toMirror = new Map<string, string>();
const toPg = new Map<string, string>();
const settings = new Map([['session_authorization', 'postgres'], ['pgfabric.database', DATABASE]]);

function ok(r: CatalogResult | CatalogFailure): CatalogResult {
  if ('error' in r) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r;
}

async function pgAnswer(sql: string, params: (string | null)[] = []): Promise<Answer> {
  const res = await ref.query({ text: sql, values: params, rowMode: 'array', types: { getTypeParser: () => (v: string) => v } });
  return { names: res.fields.map((f) => f.name), types: res.fields.map((f) => f.dataTypeID), rows: res.rows as (string | null)[][] };
}

function mirrorAnswer(sql: string, params: (string | null)[] = []): Answer {
  let mapped = sql;
  for (const [pgOid, mirrorOid] of toMirror) mapped = mapped.replaceAll(`'${pgOid}'`, `'${mirrorOid}'`);
  const r = ok(catalog.run(mapped, params, settings));
  return { names: r.columns.map((c) => c.name), types: r.columns.map((c) => c.oid), rows: r.rows.map((row) => row.map((v) => (v !== null && toPg.has(v) ? toPg.get(v)! : v))) };
}

/** The mirror as node-postgres answers: values parsed by pg's own type parsers, by each column's OID. */
function mirrorClient(): Queryable {
  return {
    query: async (sql: string, params: unknown[]) => {
      const r = ok(catalog.run(sql, params.map((p) => (p === null || p === undefined ? null : String(p))), settings));
      const parsers = r.columns.map((c) => pg.types.getTypeParser(c.oid, 'text'));
      return { rows: r.rows.map((row) => Object.fromEntries(r.columns.map((c, i) => [c.name, row[i] === null ? null : parsers[i]!(row[i]!)]))) };
    },
  };
}

/** The queries psql sends for `command` (captured with -E against the real Postgres). */
function psqlQueries(command: string): Promise<string[]> {
  return new Promise((resolve, reject) =>
    execFile(PSQL!, ['-X', '-E', '-c', command, refUrl], { timeout: 20_000 }, (err, out) => {
      if (err) return reject(err);
      const queries = [...String(out).matchAll(/\*{9} QUERY \*{10}\n([\s\S]*?)\n\*{26}/g)].map((m) => m[1]!.trim());
      resolve(queries);
    }),
  );
}

const col = (name: string, typeName: string, extra: Partial<ServerColumn> = {}): ServerColumn => ({
  name, typeName, maxLength: null, precision: null, scale: null, nullable: false, defaultDefinition: null, identity: false, computed: false, ...extra,
});

/** SQL Server's usual PascalCase names, which Postgres keeps only quoted (sequence names included). */
const PRODUCTS: ServerTable = {
  schema: 'public', name: 'Products', kind: 'table',
  columns: [
    col('ProductId', 'int', { identity: true }), col('Name', 'nvarchar', { maxLength: 50 }), col('UnitPrice', 'money', { precision: 19, scale: 4, defaultDefinition: '((0))' }),
    col('Discontinued', 'bit', { defaultDefinition: '((0))' }), col('CustomerId', 'int', { nullable: true }),
  ],
  primaryKey: { name: 'PK_Products', columns: ['ProductId'] }, uniqueConstraints: [],
  foreignKeys: [{ name: 'FK_Products_customers', columns: ['CustomerId'], refSchema: 'public', refTable: 'customers', refColumns: ['id'], onUpdate: 'NO ACTION', onDelete: 'SET NULL' }],
  indexes: [{ name: 'IX_Products_Name', columns: ['Name', 'Discontinued'], unique: false }], checks: [],
};

beforeAll(async () => {
  await loadParser();
  const model: ServerModel = { tables: [...modelFromRows(FIXTURE_ROWS).tables, PRODUCTS] };
  catalog = new MssqlCatalog(translateToSqlite);
  catalog.load(model);
  refUrl = await createTestDatabase(adminUrl(), DATABASE);
  ref = new pg.Client(refUrl);
  await ref.connect();
  for (const stmt of mirrorDdl(model)) if (stmt.table !== 'big_orders') await ref.query(stmt.sql);
  // The reference gets the view itself (the mirror has only its columns).
  await ref.query('CREATE VIEW big_orders AS SELECT id, total FROM orders WHERE total > 100');
  const oidsSql = `select c.oid::text, c.relname from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind in ('r', 'v', 'i')`;
  const pgOids = (await pgAnswer(oidsSql)).rows;
  const mirrorOids = ok(catalog.run(oidsSql, [], settings)).rows;
  for (const [oid, name] of pgOids) {
    const mine = mirrorOids.find((r) => r[1] === name)?.[0];
    if (oid && mine) {
      toMirror.set(oid, mine);
      toPg.set(mine, oid);
    }
  }
});

afterAll(async () => {
  await ref?.end();
  catalog?.close();
});

describe('the SQL Server catalog mirror', () => {
  it('mirrors every public table, view and index (the sales schema is not mirrored) and builds without refused DDL', () => {
    // 5 relations and 8 indexes.
    expect(catalog.notes).toEqual([]);
    expect([...toPg.size ? toMirror.keys() : []]).toHaveLength(13);
  });

  const seenGaps = new Set<string>();
  for (const command of ['\\dt', '\\dv', '\\di', '\\d customers', '\\d orders', '\\d order_items', '\\d+ customers', '\\d+ orders', '\\d+ order_items', '\\d big_orders', '\\d "Products"', '\\d+ "Products"', '\\d "IX_orders_customer_id"', '\\d "PK_order_items"', '\\ds', '\\dn', '\\dT']) {
    it(`answers psql's ${command} queries as Postgres does`, async (ctx) => {
      if (!PSQL) return ctx.skip();
      const queries = await psqlQueries(command);
      expect(queries.length).toBeGreaterThan(command.startsWith('\\d ') || command.startsWith('\\d+') ? 2 : 0);
      for (const sql of queries) {
        const want = withKnownGaps(await pgAnswer(sql), seenGaps);
        const got = mirrorAnswer(sql);
        expect(got, sql).toEqual(want);
      }
    });
  }

  for (const command of ['\\dt+', '\\di+']) {
    it(`answers psql's ${command} as Postgres does but for the Size column (the mirror is not the server's storage)`, async (ctx) => {
      if (!PSQL) return ctx.skip();
      const [sql] = await psqlQueries(command);
      const want = await pgAnswer(sql!);
      const got = mirrorAnswer(sql!);
      const size = want.names.indexOf('Size');
      expect(size).toBeGreaterThan(0);
      const blank = (a: Answer): Answer => ({ ...a, rows: a.rows.map((r) => r.map((v, i) => (i === size ? 'size' : v))) });
      expect(blank(got)).toEqual(blank(want));
      expect(got.rows.length).toBeGreaterThan(2);
    });
  }

  it('differs from Postgres only where KNOWN_GAPS says, and each gap still shows', (ctx) => {
    if (!PSQL) return ctx.skip();
    expect([...seenGaps].sort()).toEqual(Object.keys(KNOWN_GAPS).sort());
  });

  it('\\l and \\du describe the tenant database and the logged-in role', async (ctx) => {
    if (!PSQL) return ctx.skip();
    const session = new Map([['session_authorization', 'alice'], ['pgfabric.database', 'initech']]);
    const l = (await psqlQueries('\\l')).map((q) => ok(catalog.run(q, [], session)));
    expect(l.at(-1)!.rows.map((r) => r.slice(0, 3))).toEqual([['initech', 'alice', 'UTF8']]);
    const du = (await psqlQueries('\\du')).map((q) => ok(catalog.run(q, [], session)));
    expect(du.at(-1)!.rows.map((r) => r[0])).toEqual(['alice']);
  });
});

/**
 * Where the mirror's answer is known to differ from Postgres's (Postgres value → mirror value): the SQLite
 * dialect prints a CHECK without the implicit cast Postgres shows. Applied to Postgres's answer before comparing.
 */
const KNOWN_GAPS: Readonly<Record<string, string>> = {
  'CHECK (total >= 0::numeric)': 'CHECK (total >= 0)',
};

function withKnownGaps(a: Answer, seen: Set<string>): Answer {
  return { ...a, rows: a.rows.map((row) => row.map((v) => {
    if (v === null || !(v in KNOWN_GAPS)) return v;
    seen.add(v);
    return KNOWN_GAPS[v]!;
  })) };
}

describe('ORM and driver introspection on the mirror, compared with Postgres', () => {
  const same = async (sql: string, params: (string | null)[] = []): Promise<Answer> => {
    const want = await pgAnswer(sql, params);
    const got = mirrorAnswer(sql, params);
    expect(got, sql).toEqual(want);
    return got;
  };

  it('postgres.js array type discovery: every pair the mirror knows is one Postgres has', async () => {
    const sql = `select b.oid, b.typarray from pg_catalog.pg_type a left join pg_catalog.pg_type b on b.oid = a.typelem where a.typcategory = 'A' group by b.oid, b.typarray order by b.oid`;
    const want = (await pgAnswer(sql)).rows.map((r) => r.join(':'));
    const got = mirrorAnswer(sql).rows.map((r) => r.join(':'));
    expect(got).toContain('23:1007');
    expect(got).toContain('2950:2951');
    expect(got.filter((pair) => !want.includes(pair))).toEqual([]);
  });

  it('node-postgres / pg-types style lookup of type OIDs by name', async () => {
    const answer = await same(`select oid, typname, typarray from pg_catalog.pg_type where typname = any($1) order by oid`, ['{bool,int4,numeric,uuid,timestamptz,varchar,bpchar,bytea}']);
    expect(answer.rows).toHaveLength(8);
  });

  it('Knex columnInfo (information_schema.columns) for every table', async () => {
    const sql = `select column_name, ordinal_position, column_default, is_nullable, data_type, character_maximum_length, numeric_precision, numeric_scale, datetime_precision, udt_name
      from information_schema.columns where table_name = $1 and table_catalog = current_database() and table_schema = current_schema() order by ordinal_position`;
    for (const table of ['customers', 'orders', 'order_items']) await same(sql, [table]);
    const orders = mirrorAnswer(sql, ['orders']).rows;
    expect(orders.find((r) => r[0] === 'status')?.slice(2, 6)).toEqual(["'new'::character varying", 'NO', 'character varying', '20']);
    expect(orders.find((r) => r[0] === 'id')?.[2]).toBe("nextval('orders_id_seq'::regclass)");
  });

  it('information_schema constraints (TypeORM, Prisma-style): table_constraints, key_column_usage, referential_constraints', async () => {
    await same(`select constraint_name, table_name, constraint_type from information_schema.table_constraints where table_schema = 'public' and constraint_type <> 'CHECK' order by 1`);
    await same(`select constraint_name, table_name, column_name, ordinal_position from information_schema.key_column_usage where table_schema = 'public' order by 1, 4`);
    const fks = await same(`select constraint_name, unique_constraint_name, update_rule, delete_rule from information_schema.referential_constraints order by 1`);
    expect(fks.rows).toEqual([
      ['FK_Products_customers', 'PK_customers', 'NO ACTION', 'SET NULL'], ['FK_order_items_orders', 'PK_orders', 'NO ACTION', 'CASCADE'], ['FK_orders_customers', 'PK_customers', 'NO ACTION', 'CASCADE'],
    ]);
  });

  it('TypeORM foreign keys (two unnest() calls in lockstep)', async () => {
    const sql = `SELECT "con"."conname" AS "constraint_name", "con"."nspname" AS "table_schema", "con"."relname" AS "table_name", "att2"."attname" AS "column_name", "ns"."nspname" AS "referenced_table_schema", "cl"."relname" AS "referenced_table_name", "att"."attname" AS "referenced_column_name", "con"."confdeltype" AS "on_delete", "con"."confupdtype" AS "on_update", "con"."condeferrable" AS "deferrable", "con"."condeferred" AS "deferred" FROM ( SELECT UNNEST ("con1"."conkey") AS "parent", UNNEST ("con1"."confkey") AS "child", "con1"."confrelid", "con1"."conrelid", "con1"."conname", "con1"."contype", "ns"."nspname", "cl"."relname", "con1"."condeferrable", CASE WHEN "con1"."condeferred" THEN 'INITIALLY DEFERRED' ELSE 'INITIALLY IMMEDIATE' END as condeferred, CASE "con1"."confdeltype" WHEN 'a' THEN 'NO ACTION' WHEN 'r' THEN 'RESTRICT' WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' WHEN 'd' THEN 'SET DEFAULT' END as "confdeltype", CASE "con1"."confupdtype" WHEN 'a' THEN 'NO ACTION' WHEN 'r' THEN 'RESTRICT' WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' WHEN 'd' THEN 'SET DEFAULT' END as "confupdtype" FROM "pg_class" "cl" INNER JOIN "pg_namespace" "ns" ON "cl"."relnamespace" = "ns"."oid" INNER JOIN "pg_constraint" "con1" ON "con1"."conrelid" = "cl"."oid" WHERE "con1"."contype" = 'f' AND (("ns"."nspname" = 'public' AND "cl"."relname" IN ('orders', 'order_items'))) ) "con" INNER JOIN "pg_attribute" "att" ON "att"."attrelid" = "con"."confrelid" AND "att"."attnum" = "con"."child" INNER JOIN "pg_class" "cl" ON "cl"."oid" = "con"."confrelid"  AND "cl"."relispartition" = 'f'INNER JOIN "pg_namespace" "ns" ON "cl"."relnamespace" = "ns"."oid" INNER JOIN "pg_attribute" "att2" ON "att2"."attrelid" = "con"."conrelid" AND "att2"."attnum" = "con"."parent" ORDER BY 1`;
    const answer = await same(sql);
    expect(answer.rows).toHaveLength(2);
  });

  it('Kysely getTables() (pg_attribute, pg_class, pg_type, serial sequences)', async () => {
    const sql = `select "a"."attname" as "column", "a"."attnotnull" as "not_null", "a"."atthasdef" as "has_default", "c"."relname" as "table", "c"."relkind" as "table_type",
      "ns"."nspname" as "schema", "typ"."typname" as "type", "dtns"."nspname" as "type_schema", col_description(a.attrelid, a.attnum) as "column_description",
      pg_get_serial_sequence(quote_ident(ns.nspname) || '.' || quote_ident(c.relname), a.attname) as "auto_incrementing"
      from "pg_catalog"."pg_attribute" as "a" inner join "pg_catalog"."pg_class" as "c" on "a"."attrelid" = "c"."oid"
      inner join "pg_catalog"."pg_namespace" as "ns" on "c"."relnamespace" = "ns"."oid" inner join "pg_catalog"."pg_type" as "typ" on "a"."atttypid" = "typ"."oid"
      inner join "pg_catalog"."pg_namespace" as "dtns" on "typ"."typnamespace" = "dtns"."oid"
      where "c"."relkind" in ($1, $2, $3) and "ns"."nspname" !~ $4 and "ns"."nspname" != $5 and "ns"."nspname" != $6 and has_schema_privilege(ns.nspname, 'USAGE')
      and "a"."attnum" >= $7 and "a"."attisdropped" != $8 and "c"."relname" != $9 and "c"."relname" != $10 order by "ns"."nspname", "c"."relname", "a"."attnum"`;
    const answer = await same(sql, ['r', 'v', 'p', '^pg_', 'information_schema', 'crdb_internal', '0', 'true', 'kysely_migration', 'kysely_migration_lock']);
    expect(answer.rows.find((r) => r[3] === 'customers' && r[0] === 'id')?.[9]).toBe('public.customers_id_seq');
  });

  it('drizzle-kit pull: tables, columns, sequences, constraints, foreign keys, indexes and views as Postgres answers them', async () => {
    const theirs = await introspect(ref, 'public', { indexes: true });
    const ours = await introspect(mirrorClient(), 'public', { indexes: true });
    // The roles (the tenant sees only its own), the view's text (the mirror has none: a T-SQL body) and the CHECK text (KNOWN_GAPS)
    // differ by design. drizzle-kit's constraint and sequence queries have no ORDER BY and its index query picks any of an index's
    // opclasses per column (DISTINCT ON over a join with = ANY(indclass)): Postgres's own order there is arbitrary, so both are compared sorted.
    const comparable = (i: Introspection): unknown => ({
      ...i,
      roles: null,
      sequences: [...i.sequences].sort((a, b) => String(a['sequencename']).localeCompare(String(b['sequencename']))),
      tables: Object.fromEntries(Object.entries(i.tables).map(([name, t]) => [name, {
        ...t, checks: Object.keys(t.checks), primaryKey: [...t.primaryKey].sort(),
        indexes: Object.fromEntries(Object.entries(t.indexes).map(([n, ix]) => [n, { ...ix, opclass: null }])),
      }])),
      views: Object.fromEntries(Object.entries(i.views).map(([name, v]) => [name, { ...v, definition: null }])),
    });
    expect(comparable(ours)).toEqual(comparable(theirs));
    expect(Object.keys(ours.tables).sort()).toEqual(['Products', 'customers', 'order_items', 'orders']);
    expect(ours.tables['orders']!.foreignKeys['FK_orders_customers']).toMatchObject({ tableTo: 'customers', onDelete: 'CASCADE' });
    expect(ours.tables['customers']!.columns[0]).toMatchObject({ name: 'id', dataType: 'serial', serialSequence: 'customers_id_seq' });
    expect(ours.tables['order_items']!.indexes['UX_order_items_sku']).toMatchObject({ columns: ['order_id', 'sku'], unique: true });
    expect(ours.tables['order_items']!.primaryKey.sort()).toEqual(['line', 'order_id']);
  });

  it('describe gives the parameter and result types a client sees in ParameterDescription and RowDescription', () => {
    const d = catalog.describe(`select relname, relnatts from pg_catalog.pg_class where relname = $1 and relnatts > $2`);
    expect(d).toEqual({ columns: [{ name: 'relname', oid: 19, typmod: -1, typlen: 64 }, { name: 'relnatts', oid: 21, typmod: -1, typlen: 2 }], paramTypes: [19, 21] });
  });
});
