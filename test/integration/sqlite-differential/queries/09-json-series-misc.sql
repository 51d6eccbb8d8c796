-- name: json_arrow_text
-- types: int8, text, text
SELECT id, payload->>'page' AS page, payload->'device'->>'os' AS os FROM events WHERE kind = 'page_view' ORDER BY id;

-- name: json_arrow_jsonb
-- types: int8, jsonb, jsonb
SELECT id, payload->'device' AS device, payload->'tags' AS tags FROM events WHERE kind IN ('page_view', 'support_ticket') ORDER BY id LIMIT 20;

-- name: json_array_index
SELECT id, payload->'items'->0 AS first_item, payload->'items'->>1 AS second_item, payload->'tags'->>-1 AS last_tag FROM events WHERE kind IN ('purchase', 'support_ticket') ORDER BY id;

-- name: json_filter_on_key
SELECT id, customer_id FROM events WHERE payload->>'priority' = 'urgent' ORDER BY id;

-- name: json_numeric_extract
-- types: int8, numeric, text
SELECT id, (payload->>'amount')::numeric AS amount, payload->>'currency' AS cur FROM events WHERE kind = 'purchase' ORDER BY id;

-- name: json_group_by_key
SELECT payload->>'method' AS method, count(*) AS logins, count(*) FILTER (WHERE (payload->>'success')::boolean) AS ok
FROM events WHERE kind = 'login'
GROUP BY 1
ORDER BY 1;

-- name: json_whole_payload
SELECT id, payload FROM events ORDER BY id LIMIT 30;

-- name: json_null_value
SELECT id, payload->'referrer' AS raw, payload->>'referrer' AS txt, payload->>'missing' AS missing FROM events WHERE kind = 'page_view' ORDER BY id LIMIT 12;

-- name: json_contains_and_exists
SELECT id FROM events WHERE payload @> '{"priority": "high"}' OR payload ? 'attempts' ORDER BY id;

-- name: series_integers
-- types: int4, int4
SELECT n, n * 10 AS tens FROM generate_series(1, 10) AS n ORDER BY n;

-- name: series_step
SELECT x FROM generate_series(0, 100, 25) AS g(x) ORDER BY x;

-- name: series_months_left_join
SELECT m.month::date AS month, count(o.id) AS orders
FROM generate_series('2024-01-01'::timestamp, '2024-12-01'::timestamp, interval '1 month') AS m(month)
LEFT JOIN orders o ON date_trunc('month', o.ordered_at)::date = m.month::date
GROUP BY m.month
ORDER BY m.month;

-- name: series_days_calendar
SELECT d::date AS day, extract(dow from d) AS dow FROM generate_series('2024-02-26'::date, '2024-03-03'::date, '1 day') AS d ORDER BY d;

-- name: values_list
SELECT * FROM (VALUES (1, 'one'), (2, 'two'), (3, NULL)) AS v(n, word) ORDER BY n;

-- name: select_without_from
-- types: int4, text, bool, int4
SELECT 1 + 2 AS three, 'a' || 'b' AS ab, true AND false AS f, NULL::int AS nothing;

-- name: boolean_expressions
SELECT id, is_active AND plan <> 'free' AS paying, NOT is_active AS inactive, is_active IS TRUE AS t, referred_by IS NOT NULL AS referred
FROM customers ORDER BY id;

-- name: is_distinct_from
SELECT id, city FROM customers WHERE city IS DISTINCT FROM 'Paris' AND country = 'FR' ORDER BY id;

-- name: in_list_and_between
SELECT id, status FROM orders WHERE status IN ('paid', 'refunded') AND id BETWEEN 10 AND 60 ORDER BY id;

-- name: count_star_with_where_true
SELECT count(*) AS n FROM products WHERE true;

-- name: limit_zero
SELECT id FROM customers ORDER BY id LIMIT 0;

-- name: column_alias_quoted
SELECT id AS "Customer Id", full_name AS "Name", plan AS "select" FROM customers ORDER BY id LIMIT 3;

-- name: unnamed_columns
-- types: int4, int4, text, int8
SELECT id, id * 2, upper(plan), count(*) OVER () FROM customers ORDER BY id LIMIT 4;

-- name: prepared_like_params_style
SELECT p.id, p.name FROM products p WHERE p.category = 'hardware' AND p.price < 1000 AND NOT p.is_discontinued ORDER BY p.price, p.id;

-- name: exists_as_column
-- types: int4, bool
SELECT c.id, EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id) AS has_orders FROM customers c ORDER BY c.id;

-- name: array_literal_and_any
SELECT id, name FROM tags WHERE name = ANY (ARRAY['eco', 'new', 'bundle']) ORDER BY id;

-- name: array_length_of_agg
-- types: int4, int4
SELECT customer_id, cardinality(array_agg(id)) AS n FROM orders GROUP BY customer_id ORDER BY customer_id;
