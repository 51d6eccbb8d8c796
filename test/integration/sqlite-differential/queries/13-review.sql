-- Cases added by a review of rewrite/dialect/sqlite: each one a construct whose SQLite translation could give
-- a different answer from Postgres.

-- name: rev_distinct_on_numeric_key
SELECT DISTINCT ON (unit_price) unit_price, order_id FROM order_items ORDER BY unit_price, order_id LIMIT 12;

-- name: rev_is_distinct_from_case
SELECT id, (CASE WHEN id = 1 THEN 'a' END) IS DISTINCT FROM 'b' AS d, (CASE WHEN id = 2 THEN 'b' END) IS NOT DISTINCT FROM 'b' AS nd FROM customers ORDER BY id LIMIT 4;

-- name: rev_bpchar_to_text
SELECT 'ab'::char(5) || 'x' AS cat, length('ab'::char(5)) AS len, ('ab'::char(5))::text AS t;

-- name: rev_concat_bool
SELECT concat('x', true, 1) AS c, format('%s/%s', false, 2) AS f, concat_ws('-', is_active, id) AS w FROM customers ORDER BY id LIMIT 2;

-- name: rev_concat_op_bool
SELECT 'y' || is_active AS d FROM customers ORDER BY id LIMIT 2;

-- name: rev_round_int
SELECT id, round(stock) AS r, trunc(stock) AS t, ceil(stock) AS c, floor(stock) AS f FROM products ORDER BY id LIMIT 3;

-- name: rev_numeric_power_sqrt
SELECT id, price ^ 2 AS p, power(price, 2) AS q, sqrt(price) AS s FROM products ORDER BY id LIMIT 3;

-- name: rev_numeric_exp_ln
SELECT id, exp(discount_pct / 100) AS e, ln(price) AS l, log(price) AS g FROM orders JOIN (SELECT 1 AS k, price FROM products WHERE id = 1) p ON true ORDER BY id LIMIT 3;

-- name: rev_numeric_compare_precision
SELECT 9007199254740993::numeric = 9007199254740992::numeric AS eq, 0.1000000000000000001 > 0.1 AS gt, 12345678901234567.1 < 12345678901234567.2 AS lt;

-- name: rev_float4_arith
SELECT 0.1::real + 0.2::real AS s, 1.5::real * 2::real AS m;

-- name: rev_float_infinity_compare
SELECT x, x < 0 AS neg FROM (VALUES ('-Infinity'::float8), (1.5::float8), ('Infinity'::float8), (-2.5::float8)) v(x) ORDER BY x;

-- name: rev_interval_union
SELECT interval '1 day' AS i UNION SELECT interval '24 hours' ORDER BY 1;

-- name: rev_interval_distinct
SELECT DISTINCT v FROM (VALUES (interval '1 day'), (interval '24 hours'), (interval '1 hour')) t(v) ORDER BY v;

-- name: rev_interval_group_by
SELECT count(*) AS n FROM (VALUES (interval '1 day'), (interval '24 hours'), (interval '1 hour')) t(v) GROUP BY v ORDER BY n;

-- name: rev_numeric_distinct_scale
SELECT count(DISTINCT v) AS n FROM (VALUES (1.0), (1.00), (2)) t(v);

-- name: rev_numeric_group_scale
SELECT count(*) AS n FROM (VALUES (1.0), (1.00), (2)) t(v) GROUP BY v ORDER BY n;

-- name: rev_timestamp_typmod_cast
SELECT '2024-01-01 10:00:00.567'::timestamp(0) AS t, '10:00:00.5'::time(0) AS u, '2024-01-01 10:00:00.12345+00'::timestamptz(2) AS z;

-- name: rev_length_bytea
SELECT length('\x010203'::bytea) AS l, octet_length('\x0102'::bytea) AS o;

-- name: rev_unary_plus_name
SELECT +price, +stock FROM products ORDER BY id LIMIT 2;

-- name: rev_date_minus_unknown
SELECT id, signup_date - '2022-01-01' AS days FROM customers ORDER BY id LIMIT 3;

-- name: rev_not_in_subquery_nulls
SELECT id FROM customers WHERE id NOT IN (SELECT referred_by FROM customers) ORDER BY id;

-- name: rev_jsonb_order
SELECT id, payload FROM events ORDER BY payload, id LIMIT 8;

-- name: rev_array_order
SELECT a FROM (VALUES (ARRAY[1, 10]), (ARRAY[1, 9]), (ARRAY[2])) t(a) ORDER BY a;

-- name: rev_array_compare
SELECT ARRAY[1, 10] > ARRAY[1, 9] AS gt;

-- name: rev_greatest_least_mixed
SELECT id, greatest(stock, 150) AS g, least(price, 100) AS l FROM products ORDER BY id LIMIT 4;

-- name: rev_nullif_case_numeric
SELECT id, nullif(discount_pct, 0) AS d, CASE discount_pct WHEN 0 THEN 'none' ELSE 'some' END AS k FROM orders ORDER BY id LIMIT 5;

-- name: rev_substr_negative
SELECT substr('abcdef', -1, 4) AS a, substring('abcdef' from 0 for 3) AS b, substr('abcdef', 3) AS c;

-- name: rev_trim_chars
SELECT btrim('xxhixx', 'x') AS a, ltrim('  hi ') AS b, rtrim('hi..', '.') AS c, trim(both 'ab' from 'abxba') AS d;

-- name: rev_int2_arith_type
SELECT 1::smallint + 1::smallint AS s, 7::smallint / 2::smallint AS d, -7 % 3 AS m;

-- name: rev_limit_null_offset
SELECT id FROM orders ORDER BY id LIMIT NULL OFFSET 55;

-- name: rev_mod_div
SELECT mod(17, 5) AS a, mod(17.5, 5) AS b, div(17, 5) AS c, div(-17.5, 5) AS d;

-- name: rev_sign_abs
SELECT sign(-2.50) AS a, sign(3) AS b, abs(-2.50) AS c, abs(-3) AS d, sign(-0.5::float8) AS e;

-- name: rev_window_partition_numeric
SELECT id, count(*) OVER (PARTITION BY v) AS n FROM (VALUES (1, 1.0), (2, 1.00), (3, 2.0)) t(id, v) ORDER BY id;

-- name: rev_in_list_numeric_precision
SELECT 9007199254740993::numeric IN (9007199254740992::numeric, 1) AS i;

-- name: rev_between_numeric_precision
SELECT 9007199254740993::numeric BETWEEN 9007199254740992 AND 9007199254740992 AS b;

-- name: rev_coalesce_varchar_text
SELECT coalesce(city, full_name) AS c, coalesce(email, full_name) AS e FROM customers ORDER BY id LIMIT 3;

-- name: rev_text_numeric_cast
SELECT price::text AS t, (price * 2)::text AS d, 1.50::numeric(5,1) AS r FROM products ORDER BY id LIMIT 2;

-- name: rev_case_null_result_type
SELECT id, CASE WHEN id > 100 THEN 1 END AS c, CASE WHEN id > 100 THEN NULL ELSE 'x' END AS d FROM customers ORDER BY id LIMIT 2;

-- name: rev_string_agg_order_desc
SELECT category, string_agg(sku, ',' ORDER BY price DESC) AS s FROM products GROUP BY category ORDER BY category;

-- name: rev_count_filter
SELECT count(*) FILTER (WHERE price > 100) AS a, sum(stock) FILTER (WHERE category = 'hardware') AS b FROM products;

-- name: rev_window_range_numeric
SELECT id, price, sum(price) OVER (ORDER BY price RANGE BETWEEN 100 PRECEDING AND CURRENT ROW) AS s FROM products ORDER BY id LIMIT 6;

-- name: rev_exists_name
SELECT EXISTS (SELECT 1 FROM orders WHERE customer_id = c.id) , (SELECT max(id) FROM orders o WHERE o.customer_id = c.id) FROM customers c ORDER BY c.id LIMIT 3;

-- name: rev_like_on_bpchar
SELECT 'ab'::char(4) LIKE 'ab' AS a, 'ab'::char(4) LIKE 'ab%' AS b, 'ab'::char(4) LIKE 'ab  ' AS c, concat('ab'::char(4), '|') AS d, upper('ab'::char(4)) || '|' AS e;

-- name: rev_regex_on_bpchar
SELECT 'ab'::char(4) ~ 'b$' AS a, 'ab'::char(4) ~ 'b  $' AS b, 'ab'::char(4) ILIKE 'AB  ' AS c;
