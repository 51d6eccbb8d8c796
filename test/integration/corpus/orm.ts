// Honest statements in the shapes ORMs send (Prisma, Knex, TypeORM, Sequelize, Drizzle, Slonik, node-pg):
// quoted identifiers, $n parameters over the extended protocol, RETURNING, upserts, multi-row inserts,
// transactions and savepoints, catalog introspection. Through pgfabric as alice they must all succeed
// and return exactly what `direct` — the same statement with acme's tenant filter (or tenant id) written
// by hand — returns on a direct connection. `rows` pins the expected count, derived from the seed.
import { CURRENCIES, of, SEED } from '../tenant-seed.js';
import { ACME as A } from '../tenant-fixture.js';
import type { ResultSet } from '../tenant-case-runner.js';

export type OrmStep = {
  readonly text: string;
  /** Parameters; a function receives the result sets of the earlier steps (e.g. an id from RETURNING). */
  readonly values?: readonly unknown[] | ((earlier: readonly ResultSet[]) => readonly unknown[]);
  /** The statement with acme's filter written by hand, run directly; absent: `text` as it is. */
  readonly direct?: string;
  /** Sent as a simple Query (no parameters), as Sequelize and transaction control do; default: extended protocol. */
  readonly simple?: boolean;
  /** A named prepared statement (parsed once per connection, then only bound), as node-pg's `name` option. */
  readonly name?: string;
};

export type OrmCase = {
  readonly label: string;
  readonly steps: readonly OrmStep[];
  /** Changes data: run on the seeded data on each side, and the resulting acme data must match too. */
  readonly writes?: boolean;
  /** Rows returned (or affected) by the last step, derived from the seed. */
  readonly rows?: number;
  /** No ORDER BY: rows are compared as a multiset. */
  readonly unordered?: boolean;
};

const acme = {
  customers: of('acme', SEED.customers),
  orders: of('acme', SEED.orders),
  lines: of('acme', SEED.lines),
  invoices: of('acme', SEED.invoices),
  events: of('acme', SEED.events),
};
const count = <T>(rows: readonly T[], keep: (row: T) => boolean): number => rows.filter(keep).length;
/** acme's tenant predicate on a relation reference, for the hand-written direct statements. */
const t = (ref: string): string => `${ref}."tenant_id" = '${A}'`;
const simple = (text: string, direct?: string): OrmStep => (direct === undefined ? { text, simple: true } : { text, direct, simple: true });
const firstCell = (r: ResultSet | undefined): unknown => r?.rows[0]?.[0];

const P = '"app"."customers"';
const PO = '"app"."orders"';
const PL = '"app"."order_lines"';
const CUSTOMER_RETURNING = `RETURNING ${P}."id", ${P}."name", ${P}."email", ${P}."country", ${P}."tier", ${P}."created_at"`;
const NEW_CUSTOMER = ['acme-orm Customer', 'orm@acme.example', 'DE', 'pro', '2024-06-01T09:00:00.000Z'];
const EXISTING_EMAIL = acme.customers[0]?.email ?? 'c1@acme.example';

const prisma: OrmCase[] = [
  {
    label: 'prisma: findMany ordered, OFFSET $1',
    steps: [{
      text: `SELECT ${P}."id", ${P}."name", ${P}."email", ${P}."country", ${P}."tier", ${P}."created_at" FROM ${P} WHERE 1=1 ORDER BY ${P}."id" ASC OFFSET $1`,
      direct: `SELECT ${P}."id", ${P}."name", ${P}."email", ${P}."country", ${P}."tier", ${P}."created_at" FROM ${P} WHERE 1=1 AND ${t(P)} ORDER BY ${P}."id" ASC OFFSET $1`,
      values: [0],
    }],
    rows: acme.customers.length,
  },
  {
    label: 'prisma: findUnique by id, LIMIT/OFFSET parameters',
    steps: [{
      text: `SELECT ${P}."id", ${P}."name" FROM ${P} WHERE (${P}."id" = $1 AND 1=1) LIMIT $2 OFFSET $3`,
      direct: `SELECT ${P}."id", ${P}."name" FROM ${P} WHERE (${P}."id" = $1 AND 1=1) AND ${t(P)} LIMIT $2 OFFSET $3`,
      values: [2, 1, 0],
    }],
    rows: 1,
  },
  {
    label: 'prisma: findMany where tier, take/skip',
    steps: [{
      text: `SELECT ${P}."id", ${P}."name", ${P}."tier" FROM ${P} WHERE ${P}."tier" = $1 ORDER BY ${P}."name" ASC LIMIT $2 OFFSET $3`,
      direct: `SELECT ${P}."id", ${P}."name", ${P}."tier" FROM ${P} WHERE ${P}."tier" = $1 AND ${t(P)} ORDER BY ${P}."name" ASC LIMIT $2 OFFSET $3`,
      values: ['pro', 10, 0],
    }],
    rows: count(acme.customers, (c) => c.tier === 'pro'),
  },
  {
    label: 'prisma: relation load with IN list (no ORDER BY)',
    steps: [{
      text: `SELECT ${PO}."id", ${PO}."customer_id", ${PO}."status", ${PO}."total" FROM ${PO} WHERE ${PO}."customer_id" IN ($1,$2,$3) OFFSET $4`,
      direct: `SELECT ${PO}."id", ${PO}."customer_id", ${PO}."status", ${PO}."total" FROM ${PO} WHERE ${PO}."customer_id" IN ($1,$2,$3) AND ${t(PO)} OFFSET $4`,
      values: [1, 2, 3, 0],
    }],
    rows: count(acme.orders, (o) => ['1', '2', '3'].includes(o.customerId)),
    unordered: true,
  },
  {
    label: 'prisma: count via sub-select',
    steps: [{
      text: `SELECT COUNT(*) AS "_count._all" FROM (SELECT ${PO}."id" FROM ${PO} WHERE ${PO}."status" = $1 OFFSET $2) AS "sub"`,
      direct: `SELECT COUNT(*) AS "_count._all" FROM (SELECT ${PO}."id" FROM ${PO} WHERE ${PO}."status" = $1 AND ${t(PO)} OFFSET $2) AS "sub"`,
      values: ['paid', 0],
    }],
    rows: 1,
  },
  {
    label: 'prisma: aggregate sum/avg/max',
    steps: [{
      text: `SELECT SUM("sub"."total") AS "_sum.total", AVG("sub"."total") AS "_avg.total", MAX("sub"."total") AS "_max.total" FROM (SELECT ${PO}."total" FROM ${PO} WHERE 1=1 OFFSET $1) AS "sub"`,
      direct: `SELECT SUM("sub"."total") AS "_sum.total", AVG("sub"."total") AS "_avg.total", MAX("sub"."total") AS "_max.total" FROM (SELECT ${PO}."total" FROM ${PO} WHERE 1=1 AND ${t(PO)} OFFSET $1) AS "sub"`,
      values: [0],
    }],
    rows: 1,
  },
  {
    label: 'prisma: groupBy status with _count',
    steps: [{
      text: `SELECT ${PO}."status", COUNT(${PO}."id") AS "_count.id" FROM ${PO} WHERE 1=1 GROUP BY ${PO}."status" ORDER BY ${PO}."status" ASC OFFSET $1`,
      direct: `SELECT ${PO}."status", COUNT(${PO}."id") AS "_count.id" FROM ${PO} WHERE 1=1 AND ${t(PO)} GROUP BY ${PO}."status" ORDER BY ${PO}."status" ASC OFFSET $1`,
      values: [0],
    }],
    rows: new Set(acme.orders.map((o) => o.status)).size,
  },
  {
    label: 'prisma: create, tenant column left to the proxy, RETURNING',
    steps: [{
      text: `INSERT INTO ${P} ("name","email","country","tier","created_at") VALUES ($1,$2,$3,$4,$5) ${CUSTOMER_RETURNING}`,
      direct: `INSERT INTO ${P} ("tenant_id","name","email","country","tier","created_at") VALUES ('${A}',$1,$2,$3,$4,$5) ${CUSTOMER_RETURNING}`,
      values: NEW_CUSTOMER,
    }],
    writes: true,
    rows: 1,
  },
  {
    label: 'prisma: create passing tenant_id as $1 (acme)',
    steps: [{ text: `INSERT INTO ${P} ("tenant_id","name","email","country","tier","created_at") VALUES ($1,$2,$3,$4,$5,$6) ${CUSTOMER_RETURNING}`, values: [A, ...NEW_CUSTOMER] }],
    writes: true,
    rows: 1,
  },
  {
    label: 'prisma: createMany order lines',
    steps: [{
      text: `INSERT INTO ${PL} ("order_id","sku","qty","unit_price") VALUES ($1,$2,$3,$4), ($5,$6,$7,$8)`,
      direct: `INSERT INTO ${PL} ("tenant_id","order_id","sku","qty","unit_price") VALUES ('${A}',$1,$2,$3,$4), ('${A}',$5,$6,$7,$8)`,
      values: [1, 'SKU-9', 1, '9.99', 2, 'SKU-8', 3, '1.25'],
    }],
    writes: true,
    rows: 2,
  },
  {
    label: 'prisma: createMany skipDuplicates (ON CONFLICT DO NOTHING)',
    steps: [{
      text: `INSERT INTO ${P} ("name","email","country","tier","created_at") VALUES ($1,$2,$3,$4,$5), ($6,$7,$8,$9,$10) ON CONFLICT DO NOTHING`,
      direct: `INSERT INTO ${P} ("tenant_id","name","email","country","tier","created_at") VALUES ('${A}',$1,$2,$3,$4,$5), ('${A}',$6,$7,$8,$9,$10) ON CONFLICT DO NOTHING`,
      values: [...NEW_CUSTOMER, 'dup', EXISTING_EMAIL, 'FR', 'free', '2024-06-02T09:00:00.000Z'],
    }],
    writes: true,
    rows: 1,
  },
  {
    label: 'prisma: upsert on (tenant_id, email) … DO UPDATE … RETURNING',
    steps: [{
      text: `INSERT INTO ${P} ("name","email","country","tier","created_at") VALUES ($1,$2,$3,$4,$5) ON CONFLICT ("tenant_id","email") DO UPDATE SET "name" = $6 WHERE (${P}."email" = $7 AND 1=1) ${CUSTOMER_RETURNING}`,
      direct: `INSERT INTO ${P} ("tenant_id","name","email","country","tier","created_at") VALUES ('${A}',$1,$2,$3,$4,$5) ON CONFLICT ("tenant_id","email") DO UPDATE SET "name" = $6 WHERE (${P}."email" = $7 AND 1=1) ${CUSTOMER_RETURNING}`,
      values: ['ignored', EXISTING_EMAIL, 'DE', 'free', '2024-06-01T00:00:00.000Z', 'acme-renamed', EXISTING_EMAIL],
    }],
    writes: true,
    rows: 1,
  },
  {
    label: 'prisma: update by id RETURNING',
    steps: [{
      text: `UPDATE ${P} SET "tier" = $1 WHERE (${P}."id" = $2 AND 1=1) RETURNING ${P}."id", ${P}."tier"`,
      direct: `UPDATE ${P} SET "tier" = $1 WHERE (${P}."id" = $2 AND 1=1) AND ${t(P)} RETURNING ${P}."id", ${P}."tier"`,
      values: ['enterprise', 3],
    }],
    writes: true,
    rows: 1,
  },
  {
    label: 'prisma: updateMany by status',
    steps: [{ text: `UPDATE ${PO} SET "status" = $1 WHERE ${PO}."status" = $2`, direct: `UPDATE ${PO} SET "status" = $1 WHERE ${PO}."status" = $2 AND ${t(PO)}`, values: ['shipped', 'paid'] }],
    writes: true,
    rows: count(acme.orders, (o) => o.status === 'paid'),
  },
  {
    label: 'prisma: update with increment',
    steps: [{ text: `UPDATE ${PL} SET "qty" = (${PL}."qty" + $1) WHERE ${PL}."order_id" = $2`, direct: `UPDATE ${PL} SET "qty" = (${PL}."qty" + $1) WHERE ${PL}."order_id" = $2 AND ${t(PL)}`, values: [1, 2] }],
    writes: true,
    rows: count(acme.lines, (l) => l.orderId === '2'),
  },
  {
    label: 'prisma: delete by id RETURNING',
    steps: [{ text: `DELETE FROM ${PL} WHERE (${PL}."id" = $1 AND 1=1) RETURNING ${PL}."id"`, direct: `DELETE FROM ${PL} WHERE (${PL}."id" = $1 AND 1=1) AND ${t(PL)} RETURNING ${PL}."id"`, values: [1] }],
    writes: true,
    rows: 1,
  },
  {
    label: 'prisma: deleteMany with IN',
    steps: [{ text: `DELETE FROM ${PL} WHERE ${PL}."order_id" IN ($1,$2)`, direct: `DELETE FROM ${PL} WHERE ${PL}."order_id" IN ($1,$2) AND ${t(PL)}`, values: [3, 4] }],
    writes: true,
    rows: count(acme.lines, (l) => l.orderId === '3' || l.orderId === '4'),
  },
  {
    label: 'prisma: interactive transaction, id from RETURNING',
    steps: [
      simple('BEGIN'),
      {
        text: `INSERT INTO ${PO} ("customer_id","status","currency","total","ordered_at") VALUES ($1,$2,$3,$4,$5) RETURNING ${PO}."id"`,
        direct: `INSERT INTO ${PO} ("tenant_id","customer_id","status","currency","total","ordered_at") VALUES ('${A}',$1,$2,$3,$4,$5) RETURNING ${PO}."id"`,
        values: [1, 'new', 'EUR', '7.00', '2024-06-03T10:00:00.000Z'],
      },
      {
        text: `INSERT INTO ${PL} ("order_id","sku","qty","unit_price") VALUES ($1,$2,$3,$4) RETURNING ${PL}."id", ${PL}."order_id"`,
        direct: `INSERT INTO ${PL} ("tenant_id","order_id","sku","qty","unit_price") VALUES ('${A}',$1,$2,$3,$4) RETURNING ${PL}."id", ${PL}."order_id"`,
        values: (earlier) => [firstCell(earlier.at(-1)), 'SKU-1', 2, '3.50'],
      },
      simple('COMMIT'),
    ],
    writes: true,
  },
  {
    label: 'prisma: $queryRaw join with outer join and count',
    steps: [{
      text: 'SELECT c.name, count(o.id)::int AS orders FROM app.customers c LEFT JOIN app.orders o ON o.customer_id = c.id GROUP BY c.name ORDER BY c.name',
      direct: `SELECT c.name, count(o.id)::int AS orders FROM app.customers c LEFT JOIN app.orders o ON o.customer_id = c.id AND ${t('o')} WHERE ${t('c')} GROUP BY c.name ORDER BY c.name`,
    }],
    rows: acme.customers.length,
  },
  {
    label: 'prisma: read the view that exposes tenant_id',
    steps: [{
      text: `SELECT "app"."customer_orders"."order_id", "app"."customer_orders"."customer_name" FROM "app"."customer_orders" WHERE "app"."customer_orders"."status" = $1 ORDER BY "app"."customer_orders"."order_id" ASC`,
      direct: `SELECT "app"."customer_orders"."order_id", "app"."customer_orders"."customer_name" FROM "app"."customer_orders" WHERE "app"."customer_orders"."status" = $1 AND ${t('"app"."customer_orders"')} ORDER BY "app"."customer_orders"."order_id" ASC`,
      values: ['new'],
    }],
    rows: count(acme.orders, (o) => o.status === 'new'),
  },
  {
    label: 'prisma: schema exists check on pg_namespace',
    steps: [{ text: 'SELECT EXISTS(SELECT 1 FROM pg_namespace WHERE nspname = $1) AS "exists"', values: ['app'] }],
    rows: 1,
  },
];

const knex: OrmCase[] = [
  {
    label: 'knex: select where, order by',
    steps: [{ text: 'select "id", "name" from "app"."customers" where "country" = $1 order by "id" asc', direct: `select "id", "name" from "app"."customers" where "country" = $1 and "tenant_id" = '${A}' order by "id" asc`, values: ['DE'] }],
    rows: count(acme.customers, (c) => c.country === 'DE'),
  },
  {
    label: 'knex: inner join with aliases',
    steps: [{
      text: 'select "o"."id", "c"."name", "o"."total" from "app"."orders" as "o" inner join "app"."customers" as "c" on "c"."id" = "o"."customer_id" where "o"."status" = $1 order by "o"."id" asc',
      direct: `select "o"."id", "c"."name", "o"."total" from "app"."orders" as "o" inner join "app"."customers" as "c" on "c"."id" = "o"."customer_id" and ${t('"c"')} where "o"."status" = $1 and ${t('"o"')} order by "o"."id" asc`,
      values: ['new'],
    }],
    rows: count(acme.orders, (o) => o.status === 'new'),
  },
  {
    label: 'knex: first()',
    steps: [{ text: 'select * from "app"."customers" where "email" = $1 limit $2', direct: `select * from "app"."customers" where "email" = $1 and "tenant_id" = '${A}' limit $2`, values: ['c2@acme.example', 1] }],
    rows: 1,
  },
  {
    label: 'knex: count with whereIn',
    steps: [{ text: 'select count("id") as "count" from "app"."orders" where "status" in ($1, $2)', direct: `select count("id") as "count" from "app"."orders" where "status" in ($1, $2) and "tenant_id" = '${A}'`, values: ['new', 'cancelled'] }],
    rows: 1,
  },
  {
    label: 'knex: insert returning id (columns sorted)',
    steps: [{
      text: 'insert into "app"."orders" ("currency", "customer_id", "note", "ordered_at", "status", "total") values ($1, $2, $3, $4, $5, $6) returning "id"',
      direct: `insert into "app"."orders" ("currency", "customer_id", "note", "ordered_at", "status", "tenant_id", "total") values ($1, $2, $3, $4, $5, '${A}', $6) returning "id"`,
      values: ['EUR', 1, 'acme-orm note', '2024-06-01T00:00:00.000Z', 'new', '99.90'],
    }],
    writes: true,
    rows: 1,
  },
  {
    label: 'knex: multi-row insert into the partitioned table',
    steps: [{
      text: 'insert into "app"."events" ("id", "kind", "occurred_at", "payload") values ($1, $2, $3, $4), ($5, $6, $7, $8)',
      direct: `insert into "app"."events" ("id", "kind", "occurred_at", "payload", "tenant_id") values ($1, $2, $3, $4, '${A}'), ($5, $6, $7, $8, '${A}')`,
      values: [501, 'login', '2024-06-01T00:00:00.000Z', JSON.stringify({ by: 'acme-orm' }), 502, 'audit', '2024-06-02T00:00:00.000Z', JSON.stringify({ n: 2 })],
    }],
    writes: true,
    rows: 2,
  },
  {
    label: 'knex: onConflict(tenant_id, email).merge() returning',
    steps: [{
      text: 'insert into "app"."customers" ("country", "created_at", "email", "name", "tier") values ($1, $2, $3, $4, $5) on conflict ("tenant_id", "email") do update set "country" = excluded."country", "name" = excluded."name" returning "id", "name"',
      direct: `insert into "app"."customers" ("country", "created_at", "email", "name", "tenant_id", "tier") values ($1, $2, $3, $4, '${A}', $5) on conflict ("tenant_id", "email") do update set "country" = excluded."country", "name" = excluded."name" returning "id", "name"`,
      values: ['US', '2024-06-01T00:00:00.000Z', EXISTING_EMAIL, 'acme-merged', 'free'],
    }],
    writes: true,
    rows: 1,
  },
  {
    label: 'knex: update where',
    steps: [{ text: 'update "app"."customers" set "tier" = $1 where "country" = $2', direct: `update "app"."customers" set "tier" = $1 where "country" = $2 and "tenant_id" = '${A}'`, values: ['enterprise', 'FR'] }],
    writes: true,
    rows: count(acme.customers, (c) => c.country === 'FR'),
  },
  {
    label: 'knex: del where',
    steps: [{ text: 'delete from "app"."order_lines" where "qty" > $1', direct: `delete from "app"."order_lines" where "qty" > $1 and "tenant_id" = '${A}'`, values: [2] }],
    writes: true,
    rows: count(acme.lines, (l) => l.qty > 2),
  },
  {
    label: 'knex: paginate with limit/offset',
    steps: [{ text: 'select * from "app"."orders" order by "ordered_at" desc limit $1 offset $2', direct: `select * from "app"."orders" where "tenant_id" = '${A}' order by "ordered_at" desc limit $1 offset $2`, values: [3, 2] }],
    rows: Math.min(3, Math.max(0, acme.orders.length - 2)),
  },
  {
    label: 'knex: whereIn subquery',
    steps: [{
      text: 'select "name" from "app"."customers" where "id" in (select "customer_id" from "app"."orders" where "total" > $1) order by "name" asc',
      direct: `select "name" from "app"."customers" where "id" in (select "customer_id" from "app"."orders" where "total" > $1 and "tenant_id" = '${A}') and "tenant_id" = '${A}' order by "name" asc`,
      values: ['40'],
    }],
    rows: new Set(acme.orders.filter((o) => Number(o.total) > 40).map((o) => o.customerId)).size,
  },
  {
    label: 'knex: groupBy having',
    steps: [{
      text: 'select "customer_id", sum("total") as "sum" from "app"."orders" group by "customer_id" having sum("total") > $1 order by "customer_id" asc',
      direct: `select "customer_id", sum("total") as "sum" from "app"."orders" where "tenant_id" = '${A}' group by "customer_id" having sum("total") > $1 order by "customer_id" asc`,
      values: ['50'],
    }],
  },
  {
    label: 'knex: distinct',
    steps: [{ text: 'select distinct "country" from "app"."customers" order by "country" asc', direct: `select distinct "country" from "app"."customers" where "tenant_id" = '${A}' order by "country" asc`, simple: true }],
    rows: new Set(acme.customers.map((c) => c.country)).size,
  },
  {
    label: 'knex: with() CTE and count',
    steps: [{
      text: 'with "big" as (select "id", "total" from "app"."orders" where "total" > $1) select count(*) from "big"',
      direct: `with "big" as (select "id", "total" from "app"."orders" where "total" > $1 and "tenant_id" = '${A}') select count(*) from "big"`,
      values: ['30'],
    }],
    rows: 1,
  },
  {
    label: 'knex: union of two tenant tables',
    steps: [{
      text: 'select "name" as "label" from "app"."customers" where "tier" = $1 union select "number" from "app"."invoices" order by 1',
      direct: `select "name" as "label" from "app"."customers" where "tier" = $1 and "tenant_id" = '${A}' union select "number" from "app"."invoices" where "tenant_id" = '${A}' order by 1`,
      values: ['free'],
    }],
    rows: count(acme.customers, (c) => c.tier === 'free') + acme.invoices.length,
  },
  {
    label: 'knex: hasTable on information_schema',
    steps: [{ text: 'select * from information_schema.tables where table_name = $1 and table_schema = $2', values: ['customers', 'app'] }],
    rows: 1,
  },
  {
    label: 'knex: transaction with a savepoint rolled back',
    steps: [
      simple('BEGIN;'),
      { text: 'insert into "app"."customers" ("country", "created_at", "email", "name", "tier") values ($1, $2, $3, $4, $5) returning "id"', direct: `insert into "app"."customers" ("country", "created_at", "email", "name", "tenant_id", "tier") values ($1, $2, $3, $4, '${A}', $5) returning "id"`, values: ['DE', '2024-06-01T00:00:00.000Z', 'trx@acme.example', 'acme-trx', 'pro'] },
      simple('SAVEPOINT trx2;'),
      { text: 'update "app"."customers" set "name" = $1 where "email" = $2', direct: `update "app"."customers" set "name" = $1 where "email" = $2 and "tenant_id" = '${A}'`, values: ['acme-renamed', 'trx@acme.example'] },
      simple('ROLLBACK TO SAVEPOINT trx2;'),
      simple('COMMIT;'),
    ],
    writes: true,
  },
];

const typeorm: OrmCase[] = [
  {
    label: 'typeorm: find with a LEFT JOIN relation',
    steps: [{
      text: 'SELECT "Order"."id" AS "Order_id", "Order"."status" AS "Order_status", "Order"."total" AS "Order_total", "Order__Order_customer"."id" AS "Order__Order_customer_id", "Order__Order_customer"."name" AS "Order__Order_customer_name" FROM "app"."orders" "Order" LEFT JOIN "app"."customers" "Order__Order_customer" ON "Order__Order_customer"."id"="Order"."customer_id" WHERE (("Order"."status" = $1)) ORDER BY "Order"."id" ASC',
      direct: `SELECT "Order"."id" AS "Order_id", "Order"."status" AS "Order_status", "Order"."total" AS "Order_total", "Order__Order_customer"."id" AS "Order__Order_customer_id", "Order__Order_customer"."name" AS "Order__Order_customer_name" FROM "app"."orders" "Order" LEFT JOIN "app"."customers" "Order__Order_customer" ON "Order__Order_customer"."id"="Order"."customer_id" AND ${t('"Order__Order_customer"')} WHERE (("Order"."status" = $1)) AND ${t('"Order"')} ORDER BY "Order"."id" ASC`,
      values: ['shipped'],
    }],
    rows: count(acme.orders, (o) => o.status === 'shipped'),
  },
  {
    label: 'typeorm: paginated ids through a DISTINCT sub-select',
    steps: [{
      text: 'SELECT DISTINCT "distinctAlias"."Customer_id" AS "ids_Customer_id" FROM (SELECT "Customer"."id" AS "Customer_id", "Customer"."name" AS "Customer_name", "Customer__Customer_orders"."id" AS "Customer__Customer_orders_id" FROM "app"."customers" "Customer" LEFT JOIN "app"."orders" "Customer__Customer_orders" ON "Customer__Customer_orders"."customer_id"="Customer"."id") "distinctAlias" ORDER BY "Customer_id" ASC LIMIT 3',
      direct: `SELECT DISTINCT "distinctAlias"."Customer_id" AS "ids_Customer_id" FROM (SELECT "Customer"."id" AS "Customer_id", "Customer"."name" AS "Customer_name", "Customer__Customer_orders"."id" AS "Customer__Customer_orders_id" FROM "app"."customers" "Customer" LEFT JOIN "app"."orders" "Customer__Customer_orders" ON "Customer__Customer_orders"."customer_id"="Customer"."id" AND ${t('"Customer__Customer_orders"')} WHERE ${t('"Customer"')}) "distinctAlias" ORDER BY "Customer_id" ASC LIMIT 3`,
      simple: true,
    }],
    rows: 3,
  },
  {
    label: 'typeorm: count DISTINCT with IN',
    steps: [{
      text: 'SELECT COUNT(DISTINCT("Customer"."id")) AS "cnt" FROM "app"."customers" "Customer" WHERE "Customer"."tier" IN ($1, $2)',
      direct: `SELECT COUNT(DISTINCT("Customer"."id")) AS "cnt" FROM "app"."customers" "Customer" WHERE "Customer"."tier" IN ($1, $2) AND ${t('"Customer"')}`,
      values: ['free', 'pro'],
    }],
    rows: 1,
  },
  {
    label: 'typeorm: EXISTS over a join',
    steps: [{
      text: 'SELECT "Customer"."id" FROM "app"."customers" "Customer" WHERE EXISTS (SELECT 1 FROM "app"."invoices" "i" INNER JOIN "app"."orders" "o" ON "o"."id" = "i"."order_id" WHERE "o"."customer_id" = "Customer"."id") ORDER BY 1',
      direct: `SELECT "Customer"."id" FROM "app"."customers" "Customer" WHERE EXISTS (SELECT 1 FROM "app"."invoices" "i" INNER JOIN "app"."orders" "o" ON "o"."id" = "i"."order_id" WHERE "o"."customer_id" = "Customer"."id" AND ${t('"i"')} AND ${t('"o"')}) AND ${t('"Customer"')} ORDER BY 1`,
      simple: true,
    }],
    rows: new Set(acme.invoices.map((i) => acme.orders.find((o) => o.id === i.orderId)?.customerId)).size,
  },
  {
    label: 'typeorm: insert into the append-only table RETURNING',
    steps: [{
      text: 'INSERT INTO "app"."invoices"("order_id", "number", "amount", "issued_on") VALUES ($1, $2, $3, $4) RETURNING "id"',
      direct: `INSERT INTO "app"."invoices"("tenant_id", "order_id", "number", "amount", "issued_on") VALUES ('${A}', $1, $2, $3, $4) RETURNING "id"`,
      values: [4, 'ACME-INV-900', '12.00', '2024-06-05'],
    }],
    writes: true,
    rows: 1,
  },
  {
    label: 'typeorm: update where id IN',
    steps: [{ text: 'UPDATE "app"."orders" SET "note" = $1 WHERE "id" IN ($2)', direct: `UPDATE "app"."orders" SET "note" = $1 WHERE "id" IN ($2) AND "tenant_id" = '${A}'`, values: ['acme-typeorm', 5] }],
    writes: true,
    rows: 1,
  },
  {
    label: 'typeorm: delete where id IN',
    steps: [{ text: 'DELETE FROM "app"."order_lines" WHERE "id" IN ($1, $2)', direct: `DELETE FROM "app"."order_lines" WHERE "id" IN ($1, $2) AND "tenant_id" = '${A}'`, values: [2, 3] }],
    writes: true,
    rows: 2,
  },
  {
    label: 'typeorm: save in START TRANSACTION … COMMIT',
    steps: [
      simple('START TRANSACTION'),
      {
        text: 'INSERT INTO "app"."customers"("name", "email", "country", "tier", "created_at") VALUES ($1, $2, $3, $4, $5) RETURNING "id"',
        direct: `INSERT INTO "app"."customers"("tenant_id", "name", "email", "country", "tier", "created_at") VALUES ('${A}', $1, $2, $3, $4, $5) RETURNING "id"`,
        values: NEW_CUSTOMER,
      },
      simple('COMMIT'),
    ],
    writes: true,
  },
  {
    label: 'typeorm: nested savepoints',
    steps: [
      simple('START TRANSACTION'),
      simple('SAVEPOINT typeorm_1'),
      { text: 'UPDATE "app"."orders" SET "status" = $1 WHERE "id" = $2', direct: `UPDATE "app"."orders" SET "status" = $1 WHERE "id" = $2 AND "tenant_id" = '${A}'`, values: ['cancelled', 1] },
      simple('RELEASE SAVEPOINT typeorm_1'),
      simple('SAVEPOINT typeorm_1'),
      { text: 'DELETE FROM "app"."order_lines" WHERE "order_id" = $1', direct: `DELETE FROM "app"."order_lines" WHERE "order_id" = $1 AND "tenant_id" = '${A}'`, values: [1] },
      simple('ROLLBACK TO SAVEPOINT typeorm_1'),
      simple('COMMIT'),
    ],
    writes: true,
  },
  { label: 'typeorm: current_schema()', steps: [simple('SELECT * FROM current_schema()')], rows: 1 },
  { label: 'typeorm: version()', steps: [simple('SELECT version()')], rows: 1 },
  {
    label: 'typeorm: hasTable on information_schema (literals)',
    steps: [simple(`SELECT * FROM "information_schema"."tables" WHERE "table_schema" = 'app' AND "table_name" = 'orders'`)],
    rows: 1,
  },
];

const sequelize: OrmCase[] = [
  {
    label: 'sequelize: findAll with inline values',
    steps: [simple(`SELECT "id", "name", "email" FROM "app"."customers" AS "Customer" WHERE "Customer"."country" = 'FR' ORDER BY "Customer"."id";`, `SELECT "id", "name", "email" FROM "app"."customers" AS "Customer" WHERE "Customer"."country" = 'FR' AND ${t('"Customer"')} ORDER BY "Customer"."id";`)],
    rows: count(acme.customers, (c) => c.country === 'FR'),
  },
  {
    label: 'sequelize: findOne',
    steps: [simple(`SELECT "id", "name" FROM "app"."customers" AS "Customer" WHERE "Customer"."id" = 2 LIMIT 1;`, `SELECT "id", "name" FROM "app"."customers" AS "Customer" WHERE "Customer"."id" = 2 AND ${t('"Customer"')} LIMIT 1;`)],
    rows: 1,
  },
  {
    label: 'sequelize: include (LEFT OUTER JOIN)',
    steps: [simple(
      `SELECT "Order"."id", "Order"."total", "Customer"."id" AS "Customer.id", "Customer"."name" AS "Customer.name" FROM "app"."orders" AS "Order" LEFT OUTER JOIN "app"."customers" AS "Customer" ON "Order"."customer_id" = "Customer"."id" ORDER BY "Order"."id";`,
      `SELECT "Order"."id", "Order"."total", "Customer"."id" AS "Customer.id", "Customer"."name" AS "Customer.name" FROM "app"."orders" AS "Order" LEFT OUTER JOIN "app"."customers" AS "Customer" ON "Order"."customer_id" = "Customer"."id" AND ${t('"Customer"')} WHERE ${t('"Order"')} ORDER BY "Order"."id";`,
    )],
    rows: acme.orders.length,
  },
  {
    label: 'sequelize: create with bind parameters and DEFAULT id',
    steps: [{
      text: 'INSERT INTO "app"."customers" ("id","name","email","country","tier","created_at") VALUES (DEFAULT,$1,$2,$3,$4,$5) RETURNING "id","name","email","country","tier","created_at";',
      direct: `INSERT INTO "app"."customers" ("id","tenant_id","name","email","country","tier","created_at") VALUES (DEFAULT,'${A}',$1,$2,$3,$4,$5) RETURNING "id","name","email","country","tier","created_at";`,
      values: NEW_CUSTOMER,
    }],
    writes: true,
    rows: 1,
  },
  {
    label: 'sequelize: bulkCreate with inline values',
    steps: [simple(
      `INSERT INTO "app"."order_lines" ("id","order_id","sku","qty","unit_price") VALUES (DEFAULT,1,'SKU-9',1,9.99),(DEFAULT,1,'SKU-8',2,1.50) RETURNING "id","order_id","sku","qty","unit_price";`,
      `INSERT INTO "app"."order_lines" ("id","tenant_id","order_id","sku","qty","unit_price") VALUES (DEFAULT,'${A}',1,'SKU-9',1,9.99),(DEFAULT,'${A}',1,'SKU-8',2,1.50) RETURNING "id","order_id","sku","qty","unit_price";`,
    )],
    writes: true,
    rows: 2,
  },
  {
    label: 'sequelize: update with bind parameters',
    steps: [{ text: 'UPDATE "app"."customers" SET "tier"=$1 WHERE "id" = $2', direct: `UPDATE "app"."customers" SET "tier"=$1 WHERE "id" = $2 AND "tenant_id" = '${A}'`, values: ['free', 4] }],
    writes: true,
    rows: 1,
  },
  {
    label: 'sequelize: destroy with inline value',
    steps: [simple(`DELETE FROM "app"."order_lines" WHERE "sku" = 'SKU-4'`, `DELETE FROM "app"."order_lines" WHERE "sku" = 'SKU-4' AND "tenant_id" = '${A}'`)],
    writes: true,
    rows: count(acme.lines, (l) => l.sku === 'SKU-4'),
  },
  {
    label: 'sequelize: count',
    steps: [simple(`SELECT count(*) AS "count" FROM "app"."orders" AS "Order" WHERE "Order"."currency" = 'EUR';`, `SELECT count(*) AS "count" FROM "app"."orders" AS "Order" WHERE "Order"."currency" = 'EUR' AND ${t('"Order"')};`)],
    rows: 1,
  },
  {
    label: 'sequelize: upsert RETURNING',
    steps: [{
      text: 'INSERT INTO "app"."customers" ("name","email","country","tier","created_at") VALUES ($1,$2,$3,$4,$5) ON CONFLICT ("tenant_id","email") DO UPDATE SET "name"=EXCLUDED."name","tier"=EXCLUDED."tier" RETURNING "id","name","email","tier";',
      direct: `INSERT INTO "app"."customers" ("tenant_id","name","email","country","tier","created_at") VALUES ('${A}',$1,$2,$3,$4,$5) ON CONFLICT ("tenant_id","email") DO UPDATE SET "name"=EXCLUDED."name","tier"=EXCLUDED."tier" RETURNING "id","name","email","tier";`,
      values: ['acme-upserted', EXISTING_EMAIL, 'DE', 'enterprise', '2024-06-01T00:00:00.000Z'],
    }],
    writes: true,
    rows: 1,
  },
  {
    label: 'sequelize: transaction with SELECT … FOR UPDATE',
    steps: [
      simple('START TRANSACTION;'),
      simple(`SELECT "id", "status" FROM "app"."orders" AS "Order" WHERE "Order"."id" = 2 FOR UPDATE;`, `SELECT "id", "status" FROM "app"."orders" AS "Order" WHERE "Order"."id" = 2 AND ${t('"Order"')} FOR UPDATE;`),
      { text: 'UPDATE "app"."orders" SET "status"=$1 WHERE "id" = $2', direct: `UPDATE "app"."orders" SET "status"=$1 WHERE "id" = $2 AND "tenant_id" = '${A}'`, values: ['cancelled', 2] },
      simple('COMMIT;'),
    ],
    writes: true,
  },
  {
    label: 'sequelize: describeTable',
    steps: [simple(`SELECT pk.constraint_type as "Constraint",c.column_name as "Field", c.column_default as "Default",c.is_nullable as "Null", (CASE WHEN c.udt_name = 'hstore' THEN c.udt_name ELSE c.data_type END) || (CASE WHEN c.character_maximum_length IS NOT NULL THEN '(' || c.character_maximum_length || ')' ELSE '' END) as "Type", (SELECT array_agg(e.enumlabel) FROM pg_catalog.pg_type t JOIN pg_catalog.pg_enum e ON t.oid=e.enumtypid WHERE t.typname=c.udt_name) AS "special" FROM information_schema.columns c LEFT JOIN (SELECT tc.table_schema, tc.table_name, cu.column_name, tc.constraint_type FROM information_schema.TABLE_CONSTRAINTS tc JOIN information_schema.KEY_COLUMN_USAGE cu ON tc.table_schema=cu.table_schema and tc.table_name=cu.table_name and tc.constraint_name=cu.constraint_name and tc.constraint_type='PRIMARY KEY') pk ON pk.table_schema=c.table_schema AND pk.table_name=c.table_name AND pk.column_name=c.column_name WHERE c.table_name = 'customers' AND c.table_schema = 'app' ORDER BY c.ordinal_position`)],
    rows: 7,
  },
  {
    label: 'sequelize: showIndex on pg_catalog',
    steps: [simple(`SELECT i.relname AS name, ix.indisprimary AS primary, ix.indisunique AS unique, ix.indkey AS indkey, array_agg(a.attnum) as column_indexes, array_agg(a.attname) AS column_names, pg_get_indexdef(ix.indexrelid) AS definition FROM pg_class t, pg_class i, pg_index ix, pg_attribute a, pg_namespace s WHERE t.oid = ix.indrelid AND i.oid = ix.indexrelid AND a.attrelid = t.oid AND t.relkind = 'r' and t.relname = 'customers' AND s.oid = t.relnamespace AND s.nspname = 'app' GROUP BY i.relname, ix.indexrelid, ix.indisprimary, ix.indisunique, ix.indkey ORDER BY i.relname;`)],
    rows: 2,
  },
  {
    label: 'sequelize/node-pg: type lookup on pg_type',
    steps: [simple(`SELECT typname, typtype, oid, typarray FROM pg_type WHERE typtype = 'b' AND typname IN ('hstore', 'geometry', 'uuid', 'numeric') ORDER BY typname`)],
    rows: 2,
  },
];

const drizzle: OrmCase[] = [
  {
    label: 'drizzle: select with qualified columns',
    steps: [{ text: 'select "id", "name", "email" from "app"."customers" where "app"."customers"."tier" = $1 order by "app"."customers"."id"', direct: `select "id", "name", "email" from "app"."customers" where "app"."customers"."tier" = $1 and ${t('"app"."customers"')} order by "app"."customers"."id"`, values: ['enterprise'] }],
    rows: count(acme.customers, (c) => c.tier === 'enterprise'),
  },
  {
    label: 'drizzle: relational query with LATERAL json_agg',
    steps: [{
      text: `select "customers"."id", "customers"."name", "customers_orders"."data" as "orders" from "app"."customers" "customers" left join lateral (select coalesce(json_agg(json_build_array("customers_orders"."id", "customers_orders"."status") order by "customers_orders"."id"), '[]'::json) as "data" from "app"."orders" "customers_orders" where "customers_orders"."customer_id" = "customers"."id") "customers_orders" on true order by "customers"."id"`,
      direct: `select "customers"."id", "customers"."name", "customers_orders"."data" as "orders" from "app"."customers" "customers" left join lateral (select coalesce(json_agg(json_build_array("customers_orders"."id", "customers_orders"."status") order by "customers_orders"."id"), '[]'::json) as "data" from "app"."orders" "customers_orders" where "customers_orders"."customer_id" = "customers"."id" and ${t('"customers_orders"')}) "customers_orders" on true where ${t('"customers"')} order by "customers"."id"`,
      values: [],
    }],
    rows: acme.customers.length,
  },
  {
    label: 'drizzle: insert with tenant_id as a parameter, default id',
    steps: [{ text: 'insert into "app"."order_lines" ("id", "tenant_id", "order_id", "sku", "qty", "unit_price") values (default, $1, $2, $3, $4, $5) returning "id", "sku"', values: [A, 6, 'SKU-2', 4, '2.25'] }],
    writes: true,
    rows: 1,
  },
  {
    label: 'drizzle: update returning',
    steps: [{ text: 'update "app"."orders" set "status" = $1 where "app"."orders"."id" = $2 returning "id", "status"', direct: `update "app"."orders" set "status" = $1 where "app"."orders"."id" = $2 and ${t('"app"."orders"')} returning "id", "status"`, values: ['shipped', 4] }],
    writes: true,
    rows: 1,
  },
  {
    label: 'drizzle: delete from the partitioned table',
    steps: [{ text: 'delete from "app"."events" where "app"."events"."kind" = $1', direct: `delete from "app"."events" where "app"."events"."kind" = $1 and ${t('"app"."events"')}`, values: ['note'] }],
    writes: true,
    rows: count(acme.events, (e) => e.kind === 'note'),
  },
  {
    label: 'drizzle: onConflictDoNothing on an existing email',
    steps: [{
      text: 'insert into "app"."customers" ("id", "name", "email", "country", "tier", "created_at") values (default, $1, $2, $3, $4, $5) on conflict do nothing returning "id"',
      direct: `insert into "app"."customers" ("id", "tenant_id", "name", "email", "country", "tier", "created_at") values (default, '${A}', $1, $2, $3, $4, $5) on conflict do nothing returning "id"`,
      values: ['dup', EXISTING_EMAIL, 'DE', 'free', '2024-06-01T00:00:00.000Z'],
    }],
    writes: true,
    rows: 0,
  },
  {
    label: 'drizzle: inner join, group by, count',
    steps: [{
      text: 'select "app"."customers"."country", count("app"."orders"."id") from "app"."customers" inner join "app"."orders" on "app"."orders"."customer_id" = "app"."customers"."id" group by "app"."customers"."country" order by "app"."customers"."country"',
      direct: `select "app"."customers"."country", count("app"."orders"."id") from "app"."customers" inner join "app"."orders" on "app"."orders"."customer_id" = "app"."customers"."id" where ${t('"app"."customers"')} and ${t('"app"."orders"')} group by "app"."customers"."country" order by "app"."customers"."country"`,
      values: [],
    }],
  },
  {
    label: 'drizzle: count(*) of a table',
    steps: [{ text: 'select count(*) from "app"."invoices"', direct: `select count(*) from "app"."invoices" where "tenant_id" = '${A}'`, values: [] }],
    rows: 1,
  },
  {
    label: 'drizzle: select from one partition-routed kind with jsonb',
    steps: [{ text: `select "id", "kind", "payload" from "app"."events" where "app"."events"."kind" = $1 and ("payload"->>'n')::int >= $2 order by "id"`, direct: `select "id", "kind", "payload" from "app"."events" where "app"."events"."kind" = $1 and ("payload"->>'n')::int >= $2 and ${t('"app"."events"')} order by "id"`, values: ['login', 1] }],
    rows: count(acme.events, (e) => e.kind === 'login'),
  },
];

const nodePg: OrmCase[] = [
  {
    label: 'node-pg: join a tenant table to a shared table',
    steps: [{ text: 'SELECT o.id, c.code, c.name FROM app.orders o JOIN config.currencies c ON c.code = o.currency WHERE o.id = $1', direct: `SELECT o.id, c.code, c.name FROM app.orders o JOIN config.currencies c ON c.code = o.currency WHERE o.id = $1 AND ${t('o')}`, values: [1] }],
    rows: 1,
  },
  { label: 'node-pg: read the shared settings table', steps: [{ text: 'SELECT key, value FROM config.settings ORDER BY key' }], rows: 4 },
  { label: 'node-pg: shared currencies, simple protocol', steps: [simple('SELECT code, name FROM config.currencies ORDER BY code')], rows: CURRENCIES.length },
  {
    label: 'node-pg: named prepared statement reused',
    steps: [
      { name: 'customers_by_tier', text: 'SELECT id, name FROM app.customers WHERE tier = $1 ORDER BY id', direct: `SELECT id, name FROM app.customers WHERE tier = $1 AND ${t('customers')} ORDER BY id`, values: ['free'] },
      { name: 'customers_by_tier', text: 'SELECT id, name FROM app.customers WHERE tier = $1 ORDER BY id', direct: `SELECT id, name FROM app.customers WHERE tier = $1 AND ${t('customers')} ORDER BY id`, values: ['pro'] },
    ],
    rows: count(acme.customers, (c) => c.tier === 'pro'),
  },
  {
    label: 'node-pg: unqualified names with search_path set',
    steps: [
      simple('SET search_path = app, public'),
      { text: 'SELECT id, status FROM orders WHERE status = $1 ORDER BY id', direct: `SELECT id, status FROM orders WHERE status = $1 AND ${t('orders')} ORDER BY id`, values: ['cancelled'] },
    ],
    rows: count(acme.orders, (o) => o.status === 'cancelled'),
  },
  {
    label: 'node-pg: window function and CTE report',
    steps: [{
      text: 'WITH totals AS (SELECT customer_id, sum(total) AS spent FROM app.orders GROUP BY customer_id) SELECT c.name, t.spent, rank() OVER (ORDER BY t.spent DESC, c.name) AS r FROM totals t JOIN app.customers c ON c.id = t.customer_id ORDER BY r',
      direct: `WITH totals AS (SELECT customer_id, sum(total) AS spent FROM app.orders WHERE ${t('orders')} GROUP BY customer_id) SELECT c.name, t.spent, rank() OVER (ORDER BY t.spent DESC, c.name) AS r FROM totals t JOIN app.customers c ON c.id = t.customer_id WHERE ${t('c')} ORDER BY r`,
    }],
    rows: new Set(acme.orders.map((o) => o.customerId)).size,
  },
  {
    label: 'slonik/node-pg: bulk insert … SELECT * FROM unnest(arrays)',
    steps: [{
      text: 'INSERT INTO app.order_lines (order_id, sku, qty, unit_price) SELECT * FROM unnest($1::bigint[], $2::text[], $3::int[], $4::numeric[]) RETURNING id, sku',
      direct: `INSERT INTO app.order_lines (tenant_id, order_id, sku, qty, unit_price) SELECT '${A}', * FROM unnest($1::bigint[], $2::text[], $3::int[], $4::numeric[]) RETURNING id, sku`,
      values: [[7, 8], ['SKU-3', 'SKU-4'], [1, 2], ['1.10', '2.20']],
    }],
    writes: true,
    rows: 2,
  },
];

export const ORM_CORPUS: readonly OrmCase[] = [...prisma, ...knex, ...typeorm, ...sequelize, ...drizzle, ...nodePg];
