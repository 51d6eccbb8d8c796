-- name: cast_int_to_text
SELECT line_no::text AS line_text, quantity::text || ' pcs' AS label FROM order_items WHERE order_id = 1 ORDER BY line_no;

-- name: cast_text_to_int
SELECT '42'::int + 1 AS n, CAST('  7 ' AS integer) AS seven, '9000000000'::bigint * 2 AS big;

-- name: cast_numeric_typmod
SELECT id, (price * 1.0375)::numeric(10,2) AS with_tax, CAST(price / 3 AS numeric(12,4)) AS third FROM products ORDER BY id;

-- name: cast_numeric_to_int_rounds
SELECT id, price::int AS whole, round(price)::bigint AS rounded FROM products ORDER BY id;

-- name: cast_bool_text
SELECT id, is_active::text AS flag, (credit_limit > 0)::text AS has_credit FROM customers ORDER BY id LIMIT 10;

-- name: cast_double_to_numeric
SELECT id, weight_kg, weight_kg::numeric(8,3) AS w3, round(weight_kg::numeric, 1) AS w1 FROM products WHERE weight_kg IS NOT NULL ORDER BY id;

-- name: cast_date_text
SELECT id, signup_date::text AS d, CAST(signup_date AS timestamp) AS ts FROM customers ORDER BY id LIMIT 10;

-- name: cast_text_to_date
SELECT '2024-02-29'::date + 1 AS next_day, CAST('2024-03-01' AS date) - 1 AS prev_day;

-- name: cast_int_division
-- types: int4, int4, int4, numeric, numeric
SELECT 7 / 2 AS int_div, 7 % 3 AS int_mod, -7 / 2 AS neg_div, 7.0 / 2 AS num_div, 7 / 2.0 AS num_div2;

-- name: numeric_arithmetic_scale
SELECT 10.50 * 3 AS mul, 1.10 + 2.205 AS add, 100.00 / 7 AS div, 2.5 - 0.75 AS sub, 10 % 3.5 AS modulo;

-- name: numeric_round_trunc
SELECT id, price, round(price, 1) AS r1, round(price, -1) AS r_neg, trunc(price) AS t0, trunc(price, 1) AS t1, ceil(price) AS c, floor(price) AS f
FROM products ORDER BY id;

-- name: numeric_abs_sign
SELECT order_id, line_no, unit_price - 100 AS delta, abs(unit_price - 100) AS abs_delta, sign(unit_price - 100) AS s
FROM order_items WHERE order_id <= 5 ORDER BY order_id, line_no;

-- name: numeric_discounted_total
SELECT o.id, sum(oi.quantity * oi.unit_price) * (1 - o.discount_pct / 100) AS net
FROM orders o JOIN order_items oi ON oi.order_id = o.id
GROUP BY o.id, o.discount_pct
ORDER BY o.id;

-- name: numeric_rounded_net
SELECT o.id, round(sum(oi.quantity * oi.unit_price) * (1 - o.discount_pct / 100), 2) AS net
FROM orders o JOIN order_items oi ON oi.order_id = o.id
GROUP BY o.id, o.discount_pct
ORDER BY o.id;

-- name: numeric_compare_literal
SELECT id, credit_limit FROM customers WHERE credit_limit BETWEEN 1000 AND 5000.5 ORDER BY id;

-- name: numeric_margin_percent
SELECT id, price, cost, round((price - cost) / price * 100, 1) AS margin_pct
FROM products WHERE cost IS NOT NULL AND price > 0 ORDER BY id;

-- name: double_arithmetic
SELECT id, weight_kg * 2 AS double_weight, weight_kg / 4 AS quarter, weight_kg + 0.5 AS plus
FROM products WHERE weight_kg IS NOT NULL ORDER BY id;

-- name: double_round_sqrt_power
-- types: float8, float8, float8, float8, float8
SELECT sqrt(16::double precision) AS s, power(2, 10) AS p, round(2.5::double precision) AS r, 1.5::float8 * 3 AS m, 10::double precision / 4 AS d;

-- name: int_overflow_promotion
-- types: int8, int4, float8
SELECT 2147483647::bigint + 1 AS big, 12 * 12 AS small, (2::bigint) ^ 40 AS pow;

-- name: numeric_avg_of_integers
-- types: numeric, int8, int4
SELECT avg(stock) AS avg_stock, sum(stock) AS total_stock, avg(stock)::int AS rounded FROM products;

-- name: numeric_literal_typing
-- types: int4, int8, numeric, numeric, numeric, float8
SELECT 1 AS i, 3000000000 AS b, 1.5 AS n, 1e3 AS e, 0.1 + 0.2 AS exact, '1.5'::float8 AS f;

-- name: numeric_sum_of_products_scale
SELECT sum(unit_price * 1.5) AS s, sum(unit_price) * 0.333 AS t FROM order_items;

-- name: numeric_mod_and_div_functions
SELECT mod(17, 5) AS m, div(17, 5) AS d, mod(17.5, 5) AS mn, 17 % -5 AS neg_mod;

-- name: cast_varchar_and_concat
-- types: varchar, text
SELECT sku::varchar(8) AS short_sku, CAST(id AS varchar) || '-' || sku AS code FROM products ORDER BY id LIMIT 6;
