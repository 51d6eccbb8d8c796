-- name: agg_count_all
-- types: int8
SELECT count(*) FROM orders;

-- name: agg_count_column_nulls
SELECT count(*) AS all_rows, count(city) AS with_city, count(DISTINCT country) AS countries FROM customers;

-- name: agg_sum_avg_numeric
-- types: numeric, numeric, numeric, numeric
SELECT sum(amount) AS total, avg(amount) AS mean, min(amount) AS smallest, max(amount) AS largest
FROM payments WHERE succeeded;

-- name: agg_sum_avg_integer
-- types: int8, numeric, int4, int4
SELECT sum(quantity) AS units, avg(quantity) AS mean_units, min(quantity), max(quantity) FROM order_items;

-- name: agg_sum_bigint
-- types: numeric, numeric
SELECT sum(order_id) AS s, avg(order_id) AS a FROM order_items;

-- name: agg_group_by_status
SELECT status, count(*) AS n
FROM orders
GROUP BY status
ORDER BY status;

-- name: agg_group_by_having
SELECT customer_id, count(*) AS n
FROM orders
GROUP BY customer_id
HAVING count(*) >= 4
ORDER BY n DESC, customer_id;

-- name: agg_revenue_by_category
SELECT p.category, sum(oi.quantity * oi.unit_price) AS revenue, sum(oi.quantity) AS units
FROM order_items oi JOIN products p ON p.id = oi.product_id
GROUP BY p.category
ORDER BY revenue DESC;

-- name: agg_avg_rounded
SELECT category, round(avg(price), 2) AS avg_price, count(*) AS products
FROM products
GROUP BY category
ORDER BY category;

-- name: agg_filter_clause
SELECT
  count(*) FILTER (WHERE status = 'shipped') AS shipped,
  count(*) FILTER (WHERE status = 'cancelled') AS cancelled,
  sum(discount_pct) FILTER (WHERE discount_pct > 0) AS discount_sum
FROM orders;

-- name: agg_filter_grouped
SELECT country,
  count(*) FILTER (WHERE is_active) AS active,
  count(*) FILTER (WHERE NOT is_active) AS inactive
FROM customers
GROUP BY country
ORDER BY country;

-- name: agg_string_agg_ordered
-- types: text, text
SELECT category, string_agg(name, ', ' ORDER BY name) AS names
FROM products
GROUP BY category
ORDER BY category;

-- name: agg_string_agg_desc
SELECT o.id, string_agg(p.sku, '|' ORDER BY oi.line_no DESC) AS skus
FROM orders o JOIN order_items oi ON oi.order_id = o.id JOIN products p ON p.id = oi.product_id
WHERE o.id <= 15
GROUP BY o.id
ORDER BY o.id;

-- name: agg_array_agg_ints
-- types: int4, int8[]
SELECT customer_id, array_agg(id ORDER BY id) AS order_ids
FROM orders
GROUP BY customer_id
ORDER BY customer_id;

-- name: agg_array_agg_text
-- types: text, text[]
SELECT department, array_agg(full_name ORDER BY hired_on, id) AS people
FROM employees
GROUP BY department
ORDER BY department;

-- name: agg_bool_and_or
-- types: varchar, bool, bool
SELECT country, bool_and(is_active) AS all_active, bool_or(plan = 'enterprise') AS has_enterprise
FROM customers
GROUP BY country
ORDER BY country;

-- name: agg_min_max_dates
SELECT min(signup_date) AS first_signup, max(signup_date) AS last_signup, min(last_login_at) AS first_login, max(last_login_at) AS last_login
FROM customers;

-- name: agg_min_max_text
SELECT min(full_name), max(full_name), min(email) FROM customers;

-- name: agg_count_distinct_per_group
SELECT o.customer_id, count(DISTINCT oi.product_id) AS distinct_products
FROM orders o JOIN order_items oi ON oi.order_id = o.id
GROUP BY o.customer_id
ORDER BY distinct_products DESC, o.customer_id
LIMIT 10;

-- name: agg_order_totals
SELECT order_id, sum(quantity * unit_price) AS subtotal, count(*) AS lines
FROM order_items
GROUP BY order_id
ORDER BY subtotal DESC, order_id
LIMIT 15;

-- name: agg_empty_input
SELECT count(*), sum(amount), avg(amount), max(paid_at), string_agg(method, ',') FROM payments WHERE amount < 0;

-- name: agg_group_by_expression
-- types: timestamptz, int8
SELECT date_trunc('month', ordered_at) AS month, count(*) AS orders
FROM orders
GROUP BY 1
ORDER BY 1;

-- name: agg_group_by_bool
SELECT is_discontinued, count(*), sum(stock) FROM products GROUP BY is_discontinued ORDER BY is_discontinued;

-- name: agg_having_sum_numeric
SELECT o.customer_id, sum(p.amount) AS paid
FROM payments p JOIN orders o ON o.id = p.order_id
WHERE p.succeeded
GROUP BY o.customer_id
HAVING sum(p.amount) > 2000
ORDER BY paid DESC, o.customer_id;

-- name: agg_avg_double
SELECT kind, count(duration_ms) AS timed, min(duration_ms), max(duration_ms)
FROM events
GROUP BY kind
ORDER BY kind;

-- name: agg_margin_by_product
SELECT p.sku, sum(oi.quantity * (oi.unit_price - p.cost)) AS margin
FROM order_items oi JOIN products p ON p.id = oi.product_id
WHERE p.cost IS NOT NULL
GROUP BY p.sku
ORDER BY margin DESC, p.sku
LIMIT 10;

-- name: agg_group_by_two_columns
SELECT country, plan, count(*) AS n, sum(credit_limit) AS credit
FROM customers
GROUP BY country, plan
ORDER BY country, plan;
