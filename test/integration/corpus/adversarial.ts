// Adversarial statements a tenant (alice, acme) may send to read or change another tenant's (globex)
// rows, or to step outside the tenant altogether. Each must either fail or succeed without returning a
// globex trace (tenant-leak-scan.ts) and without changing globex data; `refused` marks what the contract
// requires to be refused outright (42501, or 0A000). Statements echoing their own text in results
// (EXPLAIN, pg_stat_activity) carry no globex marker in that text, so an echo is never taken for a leak.
import { of, SEED } from '../tenant-seed.js';
import { ACME as A, GLOBEX as G } from '../tenant-fixture.js';
import type { Step, StepOutcome } from '../tenant-case-runner.js';

export type AdversarialCase = {
  readonly label: string;
  /** One simple-protocol Query string (several statements allowed), or steps on one connection. */
  readonly sql: Step | readonly Step[];
  /** The contract requires a refusal: an error with SQLSTATE 42501 (or 0A000, not supported). */
  readonly refused?: boolean;
  /** Acme's own answer, run directly: when the statement succeeds, its last result set must equal it. */
  readonly sameAs?: string;
  /** A leak the markers cannot see (counts in a plan); returns the problem, or undefined. */
  readonly check?: (outcome: StepOutcome) => string | undefined;
};

function first<T>(rows: readonly T[]): T {
  const row = rows[0];
  if (row === undefined) throw new Error('seed has no rows of this kind');
  return row;
}
const G_CUSTOMER = first(of('globex', SEED.customers)).id;
const G_ORDER = first(of('globex', SEED.orders)).id;
const G_INVOICE = first(of('globex', SEED.invoices)).id;
const A_CUSTOMER = first(of('acme', SEED.customers)).id;
const ACME_CUSTOMERS = of('acme', SEED.customers).length;
const CUSTOMER_COLS = 'name, email, country, tier, created_at';
const NEW_CUSTOMER = `'evil', 'evil@evil.example', 'DE', 'free', '2024-05-01'`;
// The server's own socket, as its superuser: a working loopback today, so refusing dblink is what stops it.
const DBLINK_CONN = `'host=' || current_setting('unix_socket_directories') || ' port=' || current_setting('port') || ' dbname=' || current_database() || ' user=' || current_user`;

/** Plan rows counted by EXPLAIN ANALYZE of a statement without WHERE on app.customers: only acme's. */
function explainShowsOnlyAcme(outcome: StepOutcome): string | undefined {
  const plan = outcome.results.flatMap((r) => r.rows.map((row) => String(row[0]))).join('\n');
  const actual = [...plan.matchAll(/actual rows=(\d+)/g)].map((m) => Number(m[1]));
  const removed = [...plan.matchAll(/Rows Removed by Filter: (\d+)/g)].map((m) => Number(m[1]));
  if (actual.some((n) => n > ACME_CUSTOMERS)) return `EXPLAIN ANALYZE counted ${Math.max(...actual)} rows; acme has ${ACME_CUSTOMERS}`;
  if (removed.some((n) => n > 0)) return `EXPLAIN ANALYZE reveals ${Math.max(...removed)} other-tenant rows (Rows Removed by Filter)`;
  return undefined;
}

const missingPredicate: AdversarialCase[] = [
  { label: 'bare SELECT *', sql: 'SELECT * FROM app.customers' },
  { label: 'columns, ORDER BY, no WHERE', sql: 'SELECT id, name, email FROM app.customers ORDER BY id' },
  { label: 'count(*) equals acme count', sql: 'SELECT count(*) AS n FROM app.customers', sameAs: `SELECT count(*) AS n FROM app.customers WHERE tenant_id = '${A}'` },
  { label: 'digest of all names equals acme digest', sql: `SELECT md5(string_agg(name, ',' ORDER BY name)) FROM app.customers`, sameAs: `SELECT md5(string_agg(name, ',' ORDER BY name)) FROM app.customers WHERE tenant_id = '${A}'` },
  { label: 'sum over all orders', sql: 'SELECT sum(total), avg(total) FROM app.orders' },
  { label: 'TABLE shorthand', sql: 'TABLE app.customers' },
  { label: 'ONLY', sql: 'SELECT * FROM ONLY app.orders' },
  { label: 'partitioned parent', sql: 'SELECT * FROM app.events' },
  { label: 'partition read directly', sql: 'SELECT * FROM app.events_login' },
  { label: 'default partition with tableoid', sql: 'SELECT tableoid::regclass, * FROM app.events_other' },
  { label: 'whole row as json', sql: 'SELECT row_to_json(c) FROM app.customers c' },
  { label: 'whole row as text', sql: 'SELECT c::text FROM app.customers c' },
  { label: 'json_agg of a table', sql: 'SELECT json_agg(o) FROM app.orders o' },
  { label: 'ARRAY() subquery', sql: 'SELECT ARRAY(SELECT email FROM app.customers)' },
  { label: 'TABLESAMPLE', sql: 'SELECT * FROM app.customers TABLESAMPLE SYSTEM (100)' },
  { label: 'FOR UPDATE SKIP LOCKED', sql: 'SELECT * FROM app.invoices FOR UPDATE SKIP LOCKED' },
  { label: 'window count over everything', sql: 'SELECT name, count(*) OVER () AS n FROM app.customers' },
  {
    label: 'GROUPING SETS counts',
    sql: 'SELECT country, tier, count(*) FROM app.customers GROUP BY GROUPING SETS ((country), (tier), ()) ORDER BY 1, 2, 3',
    sameAs: `SELECT country, tier, count(*) FROM app.customers WHERE tenant_id = '${A}' GROUP BY GROUPING SETS ((country), (tier), ()) ORDER BY 1, 2, 3`,
  },
  { label: 'jsonb path over all rows', sql: `SELECT jsonb_path_query(jsonb_agg(to_jsonb(e)), '$[*].payload.by') FROM app.events e` },
];

const predicateTricks: AdversarialCase[] = [
  { label: 'OR true', sql: `SELECT * FROM app.customers WHERE tenant_id = '${A}' OR true` },
  { label: 'OR 1=1 without spaces', sql: `SELECT * FROM app.customers WHERE tenant_id='${A}'OR 1=1` },
  { label: 'explicit other tenant id', sql: `SELECT * FROM app.customers WHERE tenant_id = '${G}'` },
  { label: 'both tenant ids IN list', sql: `SELECT * FROM app.orders WHERE tenant_id IN ('${A}', '${G}')` },
  { label: 'tenant_id <> mine', sql: `SELECT * FROM app.orders WHERE tenant_id <> '${A}'` },
  { label: 'tenant_id IS NOT NULL', sql: 'SELECT * FROM app.order_lines WHERE tenant_id IS NOT NULL' },
  { label: 'tenant_id::text LIKE %', sql: `SELECT * FROM app.customers WHERE tenant_id::text LIKE '%'` },
  { label: 'ANY(array) with the other id', sql: `SELECT * FROM app.customers WHERE tenant_id = ANY (ARRAY['${G}']::uuid[])` },
  { label: 'CASE that is always true', sql: `SELECT * FROM app.customers WHERE CASE WHEN tenant_id = '${A}' THEN true ELSE true END` },
  { label: 'other customer by id', sql: `SELECT * FROM app.customers WHERE id = ${G_CUSTOMER}` },
  { label: 'other orders by foreign key', sql: `SELECT * FROM app.orders WHERE customer_id = ${G_CUSTOMER}` },
  { label: 'tenant id taken from a subquery', sql: `SELECT * FROM app.customers WHERE tenant_id = (SELECT tenant_id FROM app.customers WHERE email LIKE '%@glob%' LIMIT 1)` },
  { label: 'ORDER BY tenant_id DESC LIMIT', sql: 'SELECT * FROM app.customers ORDER BY tenant_id DESC LIMIT 3' },
  {
    label: 'error-based: cast in WHERE',
    sql: `SELECT * FROM app.customers WHERE name LIKE 'g%' AND name::int > 0`,
  },
  { label: 'error-based: cast in select list', sql: `SELECT name::int FROM app.customers WHERE email LIKE '%@glob%'` },
];

const otherTenantWrites: AdversarialCase[] = [
  { label: 'INSERT with the other tenant id', sql: `INSERT INTO app.customers (tenant_id, ${CUSTOMER_COLS}) VALUES ('${G}', ${NEW_CUSTOMER})`, refused: true },
  { label: 'multi-row INSERT, one row for the other tenant', sql: `INSERT INTO app.customers (tenant_id, ${CUSTOMER_COLS}) VALUES ('${A}', 'ok', 'ok@acme.example', 'DE', 'free', '2024-05-01'), ('${G}', ${NEW_CUSTOMER})`, refused: true },
  { label: 'INSERT … SELECT with the other id', sql: `INSERT INTO app.customers (tenant_id, ${CUSTOMER_COLS}) SELECT '${G}', ${NEW_CUSTOMER}`, refused: true },
  { label: 'INSERT into a partition with the other id', sql: `INSERT INTO app.events_login (id, tenant_id, kind, payload, occurred_at) VALUES (424242, '${G}', 'login', '{}', '2024-05-01')`, refused: true },
  { label: 'INSERT, unicode-escaped tenant column', sql: `INSERT INTO app.customers (U&"tenant\\005fid", ${CUSTOMER_COLS}) VALUES ('${G}', ${NEW_CUSTOMER})`, refused: true },
  { label: 'INSERT copying tenant_id from other rows', sql: `INSERT INTO app.customers (tenant_id, ${CUSTOMER_COLS}) SELECT tenant_id, 'x' || id, 'x' || id || '@x.example', country, tier, created_at FROM app.customers WHERE id = ${G_CUSTOMER}` },
  { label: 'UPDATE SET tenant_id (move my row out)', sql: `UPDATE app.customers SET tenant_id = '${G}' WHERE id = ${A_CUSTOMER}`, refused: true },
  { label: 'UPDATE SET tenant_id (adopt their rows)', sql: `UPDATE app.customers SET tenant_id = '${A}' WHERE tenant_id = '${G}'`, refused: true },
  { label: 'UPDATE row constructor incl. tenant_id', sql: `UPDATE app.orders SET (note, tenant_id) = ('x', '${G}') WHERE id = 1`, refused: true },
  { label: 'UPDATE quoted tenant column', sql: `UPDATE app.customers SET "tenant_id" = '${G}' WHERE id = ${A_CUSTOMER}`, refused: true },
  { label: 'UPDATE other tenant by explicit id', sql: `UPDATE app.customers SET name = 'pwned' WHERE tenant_id = '${G}'` },
  { label: 'UPDATE other row by primary key, RETURNING', sql: `UPDATE app.customers SET name = name WHERE id = ${G_CUSTOMER} RETURNING *` },
  { label: 'UPDATE without WHERE, RETURNING', sql: `UPDATE app.orders SET note = coalesce(note, '-') RETURNING id, note, tenant_id` },
  { label: 'DELETE other tenant lines', sql: `DELETE FROM app.order_lines WHERE tenant_id = '${G}'` },
  { label: 'DELETE without WHERE, RETURNING', sql: 'DELETE FROM app.order_lines RETURNING *' },
  { label: 'DELETE other order by id (FK cascade)', sql: `DELETE FROM app.order_lines WHERE order_id = ${G_ORDER}` },
  { label: 'UPDATE SET from a subquery reading all names', sql: `UPDATE app.customers SET name = (SELECT max(name) FROM app.customers) WHERE id = ${A_CUSTOMER} RETURNING name` },
  { label: 'INSERT VALUES from a subquery reading all names', sql: `INSERT INTO app.customers (tenant_id, ${CUSTOMER_COLS}) VALUES ('${A}', (SELECT max(name) FROM app.customers), 'sub@acme.example', 'DE', 'free', '2024-05-01') RETURNING name` },
];

const upserts: AdversarialCase[] = [
  {
    label: 'ON CONFLICT (id) DO UPDATE on the other tenant key',
    sql: `INSERT INTO app.customers (id, tenant_id, ${CUSTOMER_COLS}) VALUES (${G_CUSTOMER}, '${A}', 'pwned', 'pwned@acme.example', 'DE', 'free', '2024-05-01') ON CONFLICT (id) DO UPDATE SET name = excluded.name RETURNING *`,
  },
  {
    label: 'ON CONFLICT DO UPDATE, tenant left to the proxy',
    sql: `INSERT INTO app.customers (id, ${CUSTOMER_COLS}) VALUES (${G_CUSTOMER}, 'pwned', 'pwned@acme.example', 'DE', 'free', '2024-05-01') ON CONFLICT (id) DO UPDATE SET email = 'pwned@acme.example'`,
  },
  {
    label: 'ON CONFLICT RETURNING the existing row (concatenation)',
    sql: `INSERT INTO app.customers AS c (id, tenant_id, ${CUSTOMER_COLS}) VALUES (${G_CUSTOMER}, '${A}', 'x', 'x@acme.example', 'DE', 'free', '2024-05-01') ON CONFLICT ON CONSTRAINT customers_pkey DO UPDATE SET name = c.name RETURNING c.name, c.email`,
  },
  {
    label: 'ON CONFLICT DO UPDATE SET tenant_id',
    sql: `INSERT INTO app.customers (id, tenant_id, ${CUSTOMER_COLS}) VALUES (${G_CUSTOMER}, '${A}', ${NEW_CUSTOMER}) ON CONFLICT (id) DO UPDATE SET tenant_id = excluded.tenant_id`,
    refused: true,
  },
  {
    label: 'ON CONFLICT on the invoice key of the other tenant',
    sql: `INSERT INTO app.invoices (id, tenant_id, order_id, number, amount, issued_on) VALUES (${G_INVOICE}, '${A}', 1, 'X-1', 1, '2024-05-01') ON CONFLICT (id) DO UPDATE SET amount = 0`,
  },
  {
    label: 'MERGE matching the other tenant row',
    sql: `MERGE INTO app.customers t USING (VALUES (${G_CUSTOMER}::bigint)) s(id) ON t.id = s.id WHEN MATCHED THEN UPDATE SET name = 'pwned-by-merge'`,
  },
  { label: 'MERGE … WHEN MATCHED THEN DELETE everything', sql: 'MERGE INTO app.order_lines t USING app.orders s ON t.order_id = s.id WHEN MATCHED THEN DELETE' },
  {
    label: 'MERGE inserting for the other tenant',
    sql: `MERGE INTO app.customers t USING (VALUES (1)) s(x) ON false WHEN NOT MATCHED THEN INSERT (tenant_id, ${CUSTOMER_COLS}) VALUES ('${G}', ${NEW_CUSTOMER})`,
    refused: true,
  },
  {
    label: 'MERGE into the append-only table',
    sql: `MERGE INTO app.invoices t USING app.orders s ON t.order_id = s.id WHEN MATCHED THEN UPDATE SET amount = 0`,
    refused: true,
  },
];

const joins: AdversarialCase[] = [
  { label: 'LEFT JOIN', sql: 'SELECT c.name, o.total FROM app.customers c LEFT JOIN app.orders o ON o.customer_id = c.id' },
  { label: 'RIGHT JOIN', sql: 'SELECT c.name, o.id, o.total FROM app.customers c RIGHT JOIN app.orders o ON o.customer_id = c.id' },
  { label: 'FULL JOIN on a non-key column', sql: 'SELECT a.name, b.name FROM app.customers a FULL JOIN app.customers b ON a.country = b.country' },
  { label: 'CROSS JOIN', sql: 'SELECT a.email, b.email FROM app.customers a CROSS JOIN app.customers b' },
  { label: 'comma join', sql: 'SELECT s.key, c.email FROM config.settings s, app.customers c' },
  { label: 'NATURAL JOIN on country', sql: `SELECT * FROM app.customers NATURAL JOIN (SELECT DISTINCT country FROM app.customers WHERE tenant_id = '${A}') x` },
  { label: 'JOIN USING (tenant_id)', sql: 'SELECT c.name, o.total FROM app.customers c JOIN app.orders o USING (tenant_id)' },
  { label: 'LATERAL subquery', sql: 'SELECT c.name, x.total FROM app.customers c CROSS JOIN LATERAL (SELECT o.total FROM app.orders o WHERE o.customer_id = c.id) x' },
  { label: 'LATERAL function over the row', sql: 'SELECT kv.* FROM app.customers c, LATERAL jsonb_each_text(to_jsonb(c)) kv' },
  { label: 'join on cross-tenant inequality', sql: 'SELECT a.name, b.name FROM app.customers a JOIN app.customers b ON a.tenant_id <> b.tenant_id' },
  { label: 'parenthesized join tree', sql: 'SELECT * FROM (app.customers c JOIN app.orders o ON o.customer_id = c.id) LEFT JOIN app.invoices i ON i.order_id = o.id' },
  { label: 'join view to table', sql: 'SELECT v.customer_name, l.sku FROM app.customer_orders v JOIN app.order_lines l ON l.order_id = v.order_id' },
  { label: 'correlated lookup by id arithmetic', sql: `SELECT (SELECT c2.name FROM app.customers c2 WHERE c2.id = c.id + ${Number(G_CUSTOMER) - Number(A_CUSTOMER)}) FROM app.customers c` },
];

const subqueries: AdversarialCase[] = [
  { label: 'scalar subquery in select list', sql: `SELECT (SELECT string_agg(name, ',') FROM app.customers) AS everyone` },
  { label: 'subquery in FROM', sql: 'SELECT * FROM (SELECT * FROM app.customers) sub' },
  { label: 'IN subquery', sql: 'SELECT name FROM app.customers WHERE id IN (SELECT customer_id FROM app.orders)' },
  {
    label: 'EXISTS as a boolean oracle',
    sql: `SELECT key FROM config.settings WHERE EXISTS (SELECT 1 FROM app.customers WHERE tenant_id = '${G}') ORDER BY key`,
    sameAs: `SELECT key FROM config.settings WHERE EXISTS (SELECT 1 FROM app.customers WHERE tenant_id = '${G}' AND tenant_id = '${A}') ORDER BY key`,
  },
  {
    label: 'CASE over EXISTS',
    sql: `SELECT CASE WHEN EXISTS (SELECT 1 FROM app.orders WHERE customer_id = ${G_CUSTOMER}) THEN 'yes' ELSE 'no' END AS found`,
    sameAs: `SELECT 'no' AS found`,
  },
  {
    label: 'HAVING with a subquery',
    sql: 'SELECT country FROM app.customers GROUP BY country HAVING count(*) >= 3 OR (SELECT count(*) FROM app.orders) > 10 ORDER BY 1',
    sameAs: `SELECT country FROM app.customers WHERE tenant_id = '${A}' GROUP BY country HAVING count(*) >= 3 OR (SELECT count(*) FROM app.orders WHERE tenant_id = '${A}') > 10 ORDER BY 1`,
  },
  {
    label: 'row count via generate_series bound',
    sql: 'SELECT n FROM generate_series(1, (SELECT count(*) FROM app.customers)::int) n',
    sameAs: `SELECT n FROM generate_series(1, (SELECT count(*) FROM app.customers WHERE tenant_id = '${A}')::int) n`,
  },
  { label: 'ORDER BY correlated subquery', sql: 'SELECT name FROM app.customers c ORDER BY (SELECT count(*) FROM app.orders o WHERE o.customer_id = c.id)' },
  { label: 'VALUES with a subquery', sql: 'VALUES ((SELECT max(name) FROM app.customers))' },
  {
    label: 'subquery as function argument',
    sql: `SELECT length((SELECT string_agg(name, '') FROM app.customers)) AS len`,
    sameAs: `SELECT length((SELECT string_agg(name, '') FROM app.customers WHERE tenant_id = '${A}')) AS len`,
  },
];

const ctes: AdversarialCase[] = [
  { label: 'CTE named like the table', sql: 'WITH customers AS (SELECT * FROM app.customers) SELECT * FROM customers' },
  { label: 'CTE named like the table, search_path app', sql: 'SET search_path = app; WITH customers AS (SELECT * FROM customers) SELECT * FROM customers' },
  { label: 'decoy CTE, real table qualified', sql: `WITH "customers" AS (SELECT * FROM "app"."customers" WHERE "tenant_id" = '${A}') SELECT * FROM app.customers` },
  { label: 'CTE filters, outer query reads unqualified table', sql: `SET search_path = app; WITH orders AS (SELECT * FROM app.orders WHERE tenant_id = '${A}') SELECT c.* FROM customers c LEFT JOIN orders o ON o.customer_id = c.id` },
  { label: 'CTE then other tenant id outside', sql: `WITH x AS (SELECT * FROM app.orders) SELECT * FROM x WHERE tenant_id = '${G}'` },
  { label: 'MATERIALIZED CTE', sql: 'WITH m AS MATERIALIZED (SELECT * FROM app.invoices) SELECT * FROM m' },
  {
    label: 'recursive CTE walking all names',
    sql: 'WITH RECURSIVE r(n, name) AS (SELECT 0, NULL::text UNION ALL SELECT n + 1, (SELECT name FROM app.customers ORDER BY name OFFSET n LIMIT 1) FROM r WHERE n < 20) SELECT * FROM r',
  },
  { label: 'recursive CTE joined on country', sql: 'WITH RECURSIVE r AS (SELECT id, country FROM app.customers WHERE id = 1 UNION SELECT c.id, c.country FROM app.customers c JOIN r ON c.country = r.country) SELECT c.* FROM r JOIN app.customers c ON c.id = r.id' },
  { label: 'writable CTE: DELETE everything', sql: 'WITH d AS (DELETE FROM app.order_lines RETURNING *) SELECT * FROM d' },
  { label: 'writable CTE: UPDATE everything', sql: `WITH u AS (UPDATE app.orders SET note = 'touched' RETURNING id, tenant_id, total) SELECT * FROM u` },
  {
    label: 'writable CTE: copy other tenant rows into mine',
    sql: `WITH src AS (SELECT * FROM app.customers WHERE tenant_id = '${G}') INSERT INTO app.customers (tenant_id, ${CUSTOMER_COLS}) SELECT '${A}', 'copy-' || name, 'copy-' || email, country, tier, created_at FROM src RETURNING name`,
  },
  { label: 'nested CTE shadowing', sql: 'WITH orders AS (SELECT 1 AS id), x AS (WITH orders AS (SELECT * FROM app.orders) SELECT * FROM orders) SELECT * FROM x' },
];

const setOperations: AdversarialCase[] = [
  { label: 'UNION second branch unfiltered', sql: `SELECT name FROM app.customers WHERE tenant_id = '${A}' UNION SELECT name FROM app.customers` },
  { label: 'UNION ALL second branch other tenant', sql: `SELECT email FROM app.customers WHERE tenant_id = '${A}' UNION ALL SELECT email FROM app.customers WHERE tenant_id = '${G}'` },
  {
    label: 'INTERSECT with the other tenant',
    sql: `SELECT country FROM app.customers INTERSECT SELECT country FROM app.customers WHERE tenant_id = '${G}' ORDER BY 1`,
    sameAs: 'SELECT NULL::text WHERE false',
  },
  { label: 'EXCEPT my rows', sql: `SELECT name FROM app.customers EXCEPT SELECT name FROM app.customers WHERE tenant_id = '${A}'` },
  { label: 'VALUES UNION ALL table', sql: `VALUES ('x') UNION ALL SELECT name FROM app.customers` },
  { label: 'set operation inside FROM', sql: 'SELECT * FROM (SELECT name FROM app.customers UNION SELECT number FROM app.invoices) u' },
  { label: 'parenthesized branches with LIMIT', sql: '(SELECT email FROM app.customers ORDER BY email LIMIT 2) UNION ALL (SELECT email FROM app.customers ORDER BY email DESC LIMIT 3)' },
];

const lexical: AdversarialCase[] = [
  { label: 'quoted identifiers', sql: 'SELECT * FROM "app"."customers"' },
  { label: 'upper case', sql: 'SELECT * FROM APP.CUSTOMERS' },
  { label: 'mixed case keywords', sql: 'sElEcT * fRoM App.Customers' },
  { label: 'unicode escaped identifier', sql: 'SELECT * FROM U&"app".U&"\\0063ustomers"' },
  { label: 'unicode escape with UESCAPE', sql: `SELECT * FROM U&"app".U&"!0063ustomers" UESCAPE '!'` },
  { label: 'comment hiding the predicate', sql: `SELECT * FROM /* WHERE tenant_id = '${A}' */ app.customers -- WHERE tenant_id = '${A}'` },
  { label: 'nested block comments', sql: 'SELECT * FROM /* outer /* inner */ still comment */ app.orders' },
  { label: 'comment between schema and table', sql: 'SELECT * FROM app./**/customers' },
  { label: 'spaces around the dot', sql: 'SELECT * FROM app . customers' },
  { label: 'dollar-quoted semicolon', sql: 'SELECT $tag$;$tag$ AS semi, * FROM app.customers' },
  { label: 'dollar quote then second statement', sql: 'SELECT $x$a$x$; SELECT * FROM app.customers' },
  { label: 'multi-statement: harmless then leak', sql: 'SELECT 1; SELECT * FROM app.orders' },
  { label: 'multi-statement with explicit transaction', sql: 'BEGIN; SELECT * FROM app.customers; COMMIT' },
  { label: 'line comment swallowing a newline trick', sql: 'SELECT 1 -- harmless\n; SELECT * FROM app.invoices' },
  { label: 'semicolon inside a string', sql: `SELECT ';' AS x; SELECT * FROM app.invoices` },
  { label: 'empty statements around', sql: ';;SELECT * FROM app.customers;;' },
  { label: 'standard_conforming_strings off, backslash quote', sql: [`SET standard_conforming_strings = off`, `SELECT * FROM app.customers WHERE name = 'a\\' OR name = ' OR true --'`] },
  { label: 'escape string with quote', sql: `SELECT * FROM app.customers WHERE name = E'x\\' OR true --'` },
];

const searchPathAndTemp: AdversarialCase[] = [
  { label: 'SET search_path then unqualified (one Query)', sql: 'SET search_path = app; SELECT * FROM customers' },
  { label: 'SET search_path then unqualified (two Queries)', sql: ['SET search_path = app', 'SELECT * FROM customers'] },
  { label: 'quoted search_path', sql: 'SET search_path TO "app", public; SELECT * FROM "orders"' },
  { label: 'SET LOCAL search_path in a transaction', sql: ['BEGIN', 'SET LOCAL search_path = app', 'SELECT * FROM order_lines', 'COMMIT'] },
  { label: 'search_path via set_config', sql: `SELECT set_config('search_path', 'app', false); SELECT * FROM customers`, refused: true },
  { label: 'search_path with config first', sql: 'SET search_path = config, app; SELECT * FROM settings s CROSS JOIN customers c' },
  { label: 'temp table dropped at commit, then unqualified', sql: ['CREATE TEMP TABLE customers (id int) ON COMMIT DROP', 'SET search_path = app', 'SELECT * FROM customers'] },
  { label: 'temp table shadowing in the same Query', sql: 'CREATE TEMP TABLE invoices (id int) ON COMMIT DROP; SET search_path = app; SELECT * FROM invoices' },
  {
    label: 'temp copy of the table, read unqualified',
    sql: ['BEGIN', 'CREATE TEMP TABLE customers ON COMMIT DROP AS SELECT * FROM app.customers', 'SET LOCAL search_path = app', 'SELECT * FROM customers', 'ROLLBACK'],
  },
  { label: 'SELECT INTO TEMP then read it', sql: ['BEGIN', 'SELECT * INTO TEMP leak_copy FROM app.orders', 'SELECT * FROM leak_copy', 'ROLLBACK'] },
  { label: 'temp view over the table', sql: ['BEGIN', 'CREATE TEMP VIEW customers AS SELECT * FROM app.customers', 'SELECT * FROM customers', 'ROLLBACK'] },
  { label: 'pg_temp first in search_path', sql: 'SET search_path = pg_temp, app; SELECT * FROM customers' },
];

const views: AdversarialCase[] = [
  { label: 'view exposing tenant_id', sql: 'SELECT * FROM app.customer_orders' },
  { label: 'view exposing tenant_id, other id', sql: `SELECT * FROM app.customer_orders WHERE tenant_id = '${G}'` },
  { label: 'view hiding tenant_id', sql: 'SELECT * FROM app.order_totals', refused: true },
  { label: 'view hiding tenant_id inside a subquery', sql: 'SELECT count(*) FROM (SELECT * FROM app.order_totals) t', refused: true },
  { label: 'materialized view hiding tenant_id', sql: 'SELECT * FROM app.country_counts', refused: true },
  { label: 'CREATE VIEW then read it', sql: 'CREATE VIEW app.leak_v AS SELECT name FROM app.customers; SELECT * FROM app.leak_v', refused: true },
  { label: 'CREATE TABLE AS then read it', sql: 'CREATE TABLE app.leak_t AS SELECT * FROM app.customers; SELECT * FROM app.leak_t', refused: true },
  { label: 'SELECT INTO a table then read it', sql: 'SELECT * INTO app.leak_s FROM app.orders; SELECT * FROM app.leak_s', refused: true },
  { label: 'CREATE MATERIALIZED VIEW', sql: 'CREATE MATERIALIZED VIEW app.leak_m AS SELECT email FROM app.customers; SELECT * FROM app.leak_m', refused: true },
];

const copy: AdversarialCase[] = [
  { label: 'COPY table TO STDOUT', sql: { text: 'COPY app.customers TO STDOUT', copy: 'to' } },
  { label: 'COPY (query) TO STDOUT csv', sql: { text: 'COPY (SELECT * FROM app.orders) TO STDOUT WITH (FORMAT csv, HEADER)', copy: 'to' } },
  { label: 'COPY columns TO STDOUT binary', sql: { text: 'COPY app.customers (name, email) TO STDOUT WITH (FORMAT binary)', copy: 'to' } },
  { label: 'COPY partitioned table TO STDOUT', sql: { text: 'COPY app.events TO STDOUT', copy: 'to' } },
  { label: 'COPY (UPDATE … RETURNING) TO STDOUT', sql: { text: `COPY (UPDATE app.orders SET note = 'copied' RETURNING id, tenant_id, note) TO STDOUT`, copy: 'to' } },
  { label: 'COPY FROM STDIN with the other tenant id', sql: { text: `COPY app.customers (tenant_id, ${CUSTOMER_COLS}) FROM STDIN`, copy: 'from', data: `${G}\tevil-copy\tcopy@evil.example\tDE\tfree\t2024-05-01\n` } },
  { label: 'COPY TO PROGRAM', sql: `COPY app.customers TO PROGRAM 'cat > /dev/null'`, refused: true },
  {
    label: 'COPY FROM PROGRAM writing the other tenant',
    sql: `COPY app.customers (id, tenant_id, ${CUSTOMER_COLS}) FROM PROGRAM 'printf "990001\\t${G}\\tevil-program\\tprog@evil.example\\tDE\\tfree\\t2024-05-01\\n"'`,
    refused: true,
  },
  { label: 'COPY TO a server file', sql: `COPY app.customers TO '/dev/null'`, refused: true },
];

const executors: AdversarialCase[] = [
  { label: 'DO block (harmless body)', sql: 'DO $$ BEGIN PERFORM 1; END $$', refused: true },
  { label: 'DO block updating the other tenant', sql: `DO $$ BEGIN UPDATE app.customers SET name = name || '!' WHERE tenant_id = '${G}'; END $$`, refused: true },
  { label: 'DO block leaking through NOTICE', sql: `DO $$ BEGIN RAISE NOTICE '%', (SELECT string_agg(name, ',') FROM app.customers); END $$`, refused: true },
  { label: 'function running dynamic SQL (EXECUTE)', sql: `SELECT * FROM app.run_sql('select name from app.customers')`, refused: true },
  { label: 'dynamic SQL function, SQL as a parameter', sql: { text: 'SELECT * FROM app.run_sql($1)', values: ['select email from app.customers'] }, refused: true },
  { label: 'SQL function reading every tenant', sql: 'SELECT * FROM app.all_customer_names()' },
  {
    label: 'CREATE FUNCTION with EXECUTE, then call it',
    sql: `CREATE FUNCTION app.leak_f() RETURNS SETOF text LANGUAGE plpgsql AS $f$ BEGIN RETURN QUERY EXECUTE 'SELECT name FROM app.customers'; END $f$; SELECT * FROM app.leak_f()`,
    refused: true,
  },
  { label: 'temporary SQL function', sql: ['BEGIN', `CREATE FUNCTION pg_temp.leak() RETURNS SETOF text LANGUAGE sql AS 'SELECT name FROM app.customers'`, 'SELECT * FROM pg_temp.leak()', 'ROLLBACK'], refused: true },
  { label: 'query_to_xml', sql: `SELECT query_to_xml('select * from app.customers', true, false, '')`, refused: true },
  { label: 'query_to_xml, schema-qualified and upper case', sql: `SELECT PG_CATALOG.QUERY_TO_XML('select email from app.customers', true, false, '')`, refused: true },
  { label: 'quoted "query_to_xml" with a parameter', sql: { text: `SELECT "query_to_xml"($1, true, false, '')`, values: ['select name from app.customers'] }, refused: true },
  { label: 'table_to_xml', sql: `SELECT table_to_xml('app.orders', true, false, '')`, refused: true },
  { label: 'schema_to_xml', sql: `SELECT schema_to_xml('app', true, false, '')`, refused: true },
  { label: 'cursor_to_xml', sql: ['BEGIN', 'DECLARE xc CURSOR FOR SELECT * FROM app.customers', `SELECT cursor_to_xml('xc', 100, true, false, '')`, 'ROLLBACK'], refused: true },
  { label: 'ts_stat runs a query string', sql: `SELECT * FROM ts_stat('SELECT to_tsvector(''simple'', name) FROM app.customers')`, refused: true },
  { label: 'dblink read', sql: `SELECT * FROM dblink(${DBLINK_CONN}, 'select name from app.customers') AS t(name text)`, refused: true },
  { label: 'dblink_exec write', sql: `SELECT dblink_exec(${DBLINK_CONN}, 'update app.customers set name = name || ''!'' where tenant_id = ''${G}''')`, refused: true },
];

const outsideTheTenant: AdversarialCase[] = [
  { label: 'set_config of the tenant GUC', sql: `SELECT set_config('pgfabric.tenant_id', '${G}', false); SELECT * FROM app.customers`, refused: true },
  { label: 'set_config of the tenant GUC, parameters', sql: { text: 'SELECT set_config($1, $2, false)', values: ['pgfabric.tenant_id', G] }, refused: true },
  { label: 'SET of the tenant GUC', sql: `SET pgfabric.tenant_id = '${G}'`, refused: true },
  { label: 'SET LOCAL of the tenant GUC', sql: ['BEGIN', `SET LOCAL pgfabric.tenant_id TO '${G}'`, 'SELECT * FROM app.customers', 'COMMIT'], refused: true },
  { label: 'SET ROLE', sql: 'SET ROLE pg_read_all_data; SELECT name FROM app.customers; RESET ROLE', refused: true },
  { label: 'SET LOCAL ROLE in a transaction', sql: ['BEGIN', 'SET LOCAL ROLE pg_read_all_data', 'SELECT email FROM app.customers', 'ROLLBACK'], refused: true },
  { label: 'role via set_config', sql: ['BEGIN', `SELECT set_config('role', 'pg_read_all_data', true)`, 'SELECT name FROM app.customers', 'ROLLBACK'], refused: true },
  { label: 'SET SESSION AUTHORIZATION', sql: 'SET SESSION AUTHORIZATION DEFAULT', refused: true },
  { label: 'pg_read_file', sql: `SELECT pg_read_file('PG_VERSION')`, refused: true },
  { label: 'pg_read_binary_file', sql: `SELECT pg_read_binary_file('PG_VERSION')`, refused: true },
  { label: 'pg_ls_dir', sql: `SELECT pg_ls_dir('.')`, refused: true },
  { label: 'lo_import of a server file', sql: `SELECT lo_import('PG_VERSION')`, refused: true },
  { label: 'lo_from_bytea', sql: `SELECT lo_from_bytea(0, 'x')`, refused: true },
  { label: 'pg_stats values', sql: `SELECT attname, most_common_vals::text, histogram_bounds::text FROM pg_stats WHERE schemaname = 'app'`, refused: true },
  { label: 'pg_statistic values', sql: 'SELECT stavalues1::text, stavalues2::text FROM pg_statistic', refused: true },
  { label: 'pg_stat_activity query text', sql: 'SELECT application_name, query FROM pg_stat_activity', refused: true },
  { label: 'terminate another session', sql: `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'victim-session'`, refused: true },
  { label: 'LOCK a shared table', sql: ['BEGIN', 'LOCK TABLE config.settings IN ACCESS EXCLUSIVE MODE', 'ROLLBACK'], refused: true },
  {
    label: 'EXPLAIN ANALYZE row counts',
    sql: 'EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT * FROM app.customers',
    check: explainShowsOnlyAcme,
  },
  { label: 'EXPLAIN ANALYZE executing a DELETE', sql: 'EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) DELETE FROM app.order_lines' },
  { label: 'LISTEN/NOTIFY/UNLISTEN statements', sql: `LISTEN order_events; NOTIFY order_events, 'acme-ping'; SELECT pg_notify('order_events', 'acme-ping-2'); UNLISTEN *` },
];

const permissions: AdversarialCase[] = [
  { label: 'UPDATE append-only table', sql: 'UPDATE app.invoices SET amount = 0', refused: true },
  { label: 'DELETE from append-only table', sql: 'DELETE FROM app.invoices', refused: true },
  { label: 'TRUNCATE append-only table', sql: 'TRUNCATE app.invoices', refused: true },
  { label: 'TRUNCATE tenant table CASCADE', sql: 'TRUNCATE app.customers CASCADE', refused: true },
  { label: 'UPDATE read-only shared table', sql: `UPDATE config.settings SET value = 'on' WHERE key = 'maintenance'`, refused: true },
  { label: 'INSERT into read-only shared table', sql: `INSERT INTO config.settings (key, value) VALUES ('evil', 'x')`, refused: true },
  { label: 'DELETE from read-only shared table via writable CTE', sql: 'WITH d AS (DELETE FROM config.currencies RETURNING *) SELECT count(*) FROM d', refused: true },
  { label: 'DROP a tenant table', sql: 'DROP TABLE app.invoices', refused: true },
  { label: 'rename the tenant column', sql: 'ALTER TABLE app.customers RENAME COLUMN tenant_id TO owner_id', refused: true },
  { label: 'table in a schema the role cannot see', sql: 'CREATE TABLE public.leak AS SELECT * FROM app.customers', refused: true },
  { label: 'UPDATE … FROM other tenant rows', sql: `UPDATE app.orders o SET note = c.name FROM app.customers c WHERE o.id = 1 AND c.tenant_id = '${G}' RETURNING o.note` },
  { label: 'UPDATE … FROM without tenant predicates', sql: 'UPDATE app.orders o SET note = c.email FROM app.customers c WHERE c.id = o.customer_id' },
  { label: 'DELETE … USING other tenant orders', sql: `DELETE FROM app.order_lines l USING app.orders o WHERE l.order_id = o.id AND o.tenant_id = '${G}'` },
  { label: 'DELETE … USING, join only', sql: `DELETE FROM app.order_lines l USING app.orders o WHERE l.order_id = o.id AND o.status = 'new' RETURNING l.*` },
];

const statefulStatements: AdversarialCase[] = [
  { label: 'cursor: DECLARE/FETCH in a transaction', sql: ['BEGIN', 'DECLARE c1 CURSOR FOR SELECT * FROM app.customers', 'FETCH ALL FROM c1', 'COMMIT'] },
  { label: 'cursor WITH HOLD in one Query', sql: 'DECLARE c2 CURSOR WITH HOLD FOR SELECT * FROM app.orders; FETCH ALL FROM c2; CLOSE c2' },
  { label: 'SCROLL cursor, MOVE then FETCH', sql: ['BEGIN', 'DECLARE "C3" SCROLL CURSOR FOR SELECT email FROM app.customers ORDER BY email', 'MOVE LAST IN "C3"', 'FETCH BACKWARD 20 FROM "C3"', 'ROLLBACK'] },
  { label: 'PREPARE/EXECUTE in one Query', sql: 'PREPARE adv_p1 AS SELECT * FROM app.customers; EXECUTE adv_p1; DEALLOCATE adv_p1' },
  { label: 'PREPARE with the other tenant as argument', sql: `PREPARE adv_p2(uuid) AS SELECT * FROM app.customers WHERE tenant_id = $1; EXECUTE adv_p2('${G}'); DEALLOCATE adv_p2` },
  { label: 'PREPARE/EXECUTE across Queries in a transaction', sql: ['BEGIN', 'PREPARE adv_p3 AS SELECT name FROM app.customers', 'EXECUTE adv_p3', 'DEALLOCATE adv_p3', 'COMMIT'] },
  {
    label: 'PREPAREd INSERT executed with the other tenant',
    sql: `PREPARE adv_p4(uuid) AS INSERT INTO app.customers (tenant_id, ${CUSTOMER_COLS}) VALUES ($1, ${NEW_CUSTOMER}); EXECUTE adv_p4('${G}'); DEALLOCATE adv_p4`,
    refused: true,
  },
];

const extendedProtocol: AdversarialCase[] = [
  { label: '$1 carries the other tenant id', sql: { text: 'SELECT * FROM app.customers WHERE tenant_id = $1', values: [G] } },
  { label: '$1 compared as text', sql: { text: 'SELECT * FROM app.orders WHERE tenant_id::text = $1', values: [G] } },
  { label: '$2 boolean OR', sql: { text: 'SELECT * FROM app.customers WHERE tenant_id = $1::uuid OR $2::boolean', values: [A, true] } },
  { label: 'other ids as an array parameter', sql: { text: 'SELECT * FROM app.customers WHERE id = ANY ($1::bigint[])', values: [of('globex', SEED.customers).map((c) => c.id)] } },
  { label: 'INSERT with $1 = other tenant', sql: { text: `INSERT INTO app.customers (tenant_id, ${CUSTOMER_COLS}) VALUES ($1, $2, $3, 'DE', 'free', '2024-05-01')`, values: [G, 'evil', 'p@evil.example'] }, refused: true },
  {
    label: 'INSERT with $1 = mine, literal second row other tenant',
    sql: { text: `INSERT INTO app.customers (tenant_id, ${CUSTOMER_COLS}) VALUES ($1, 'ok', 'ok2@acme.example', 'DE', 'free', '2024-05-01'), ('${G}', ${NEW_CUSTOMER})`, values: [A] },
    refused: true,
  },
  { label: 'UPDATE SET tenant_id = $1', sql: { text: 'UPDATE app.customers SET tenant_id = $1 WHERE id = $2', values: [G, A_CUSTOMER] }, refused: true },
  { label: 'UPDATE by the other id as $1', sql: { text: `UPDATE app.customers SET name = 'pwned' WHERE id = $1 RETURNING *`, values: [G_CUSTOMER] } },
  {
    label: 'upsert on the other key with parameters',
    sql: { text: `INSERT INTO app.customers (id, tenant_id, ${CUSTOMER_COLS}) VALUES ($1, $2, $3, 'x@acme.example', 'DE', 'free', '2024-05-01') ON CONFLICT (id) DO UPDATE SET name = $3 RETURNING name, tenant_id`, values: [G_CUSTOMER, A, 'pwned'] },
  },
  {
    label: 'named statement reused with the other tenant',
    sql: [
      { text: 'SELECT * FROM app.customers WHERE tenant_id = $1', values: [A], name: 'adv_named' },
      { text: 'SELECT * FROM app.customers WHERE tenant_id = $1', values: [G], name: 'adv_named' },
    ],
  },
  { label: 'query_to_xml with the query as $1', sql: { text: `SELECT query_to_xml($1, true, false, '')`, values: ['select * from app.orders'] }, refused: true },
];

export const ADVERSARIAL_CORPUS: readonly AdversarialCase[] = [
  ...missingPredicate,
  ...predicateTricks,
  ...otherTenantWrites,
  ...upserts,
  ...joins,
  ...subqueries,
  ...ctes,
  ...setOperations,
  ...lexical,
  ...searchPathAndTemp,
  ...views,
  ...copy,
  ...executors,
  ...outsideTheTenant,
  ...permissions,
  ...statefulStatements,
  ...extendedProtocol,
];
