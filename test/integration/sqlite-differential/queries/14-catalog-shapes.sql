-- Shapes that catalog introspection (drizzle-kit's index query) relies on, checked against Postgres on user data.

-- name: lateral_unnest_with_subscripts
SELECT o.id, k.part, k.pos FROM orders o CROSS JOIN LATERAL (SELECT unnest(string_to_array(o.status, 'i')), generate_subscripts(string_to_array(o.status, 'i'), 1) + 1) AS k(part, pos) WHERE o.id <= 5 ORDER BY o.id, k.pos;

-- name: bitwise_operators
SELECT id, id & 3 AS a, id | 8 AS o, id # 5 AS x, id << 2 AS l, id >> 1 AS r FROM customers ORDER BY id LIMIT 6;

-- Single-row lookups: from their second run on a SQLite tenant they are answered on the main thread
-- (connectors/sqlite/inline-reader.ts); every type of the row must come out as Postgres prints it.

-- name: lookup_customer_by_id
SELECT id, external_id, email, full_name, country, plan, is_active, credit_limit, signup_date, last_login_at, referred_by FROM customers WHERE id = 7;

-- name: lookup_customer_by_id_param
-- params: ["11"]
SELECT id, email, credit_limit, is_active, last_login_at FROM customers WHERE id = $1;

-- name: lookup_customer_by_email
-- params: ["carla.dubois3@example.io"]
SELECT id, full_name, signup_date FROM customers WHERE email = $1;

-- name: lookup_product_by_sku_missing
SELECT id, name FROM products WHERE sku = 'NO-SUCH-SKU';

-- name: select_list_unnest_lockstep
SELECT id, unnest(string_to_array(status, 'i')) AS part, unnest(ARRAY[10, 20, 30]) AS n FROM orders WHERE id <= 4 ORDER BY id, n NULLS LAST, part;

-- name: select_list_unnest_single
SELECT name, unnest(string_to_array(name, ' ')) AS word FROM products WHERE id <= 5 ORDER BY name, word;
