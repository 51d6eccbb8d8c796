-- name: set_union_contacts
SELECT email AS contact, 'customer' AS source FROM customers WHERE country = 'US'
UNION
SELECT email, 'employee' FROM employees WHERE email IS NOT NULL AND department = 'Sales'
ORDER BY contact;

-- name: set_union_all_counts
SELECT 'orders' AS what, count(*) AS n FROM orders
UNION ALL
SELECT 'payments', count(*) FROM payments
UNION ALL
SELECT 'events', count(*) FROM events
ORDER BY what;

-- name: set_intersect
SELECT customer_id FROM orders WHERE status = 'shipped'
INTERSECT
SELECT customer_id FROM events WHERE kind = 'support_ticket'
ORDER BY customer_id;

-- name: set_except
SELECT id FROM customers
EXCEPT
SELECT customer_id FROM orders
ORDER BY id;

-- name: set_union_dedup_values
SELECT country FROM customers UNION SELECT 'NL' ORDER BY 1;

-- name: distinct_countries
SELECT DISTINCT country FROM customers ORDER BY country;

-- name: distinct_multi_column
SELECT DISTINCT country, plan FROM customers ORDER BY country, plan;

-- name: distinct_on_latest_order
SELECT DISTINCT ON (customer_id) customer_id, id, ordered_at, status
FROM orders
ORDER BY customer_id, ordered_at DESC, id DESC;

-- name: distinct_on_cheapest_per_category
SELECT DISTINCT ON (category) category, name, price
FROM products
ORDER BY category, price, id;

-- name: case_searched
SELECT id, price,
  CASE WHEN price >= 1000 THEN 'premium' WHEN price >= 100 THEN 'standard' ELSE 'budget' END AS tier
FROM products
ORDER BY id;

-- name: case_simple
SELECT id, CASE status WHEN 'paid' THEN 'P' WHEN 'shipped' THEN 'S' ELSE '?' END AS code
FROM orders
ORDER BY id
LIMIT 20;

-- name: case_without_else
SELECT id, CASE WHEN discount_pct > 10 THEN discount_pct END AS big_discount FROM orders ORDER BY id LIMIT 20;

-- name: case_numeric_mixed
-- types: int4, numeric
SELECT id, CASE WHEN stock = 0 THEN 0 ELSE price END AS shelf_value FROM products ORDER BY id;

-- name: coalesce_nullif
SELECT id, coalesce(city, 'unknown') AS city, nullif(credit_limit, 0) AS credit, coalesce(referred_by, 0) AS ref
FROM customers
ORDER BY id;

-- name: greatest_least
-- types: int4, numeric, int4, numeric
SELECT id, greatest(price, 100) AS at_least_100, least(stock, 50) AS capped_stock, greatest(cost, price / 2) AS floor_price
FROM products
ORDER BY id;

-- name: coalesce_timestamps
-- types: int8, timestamp
SELECT id, coalesce(shipped_at, ordered_at::timestamp) AS effective_at FROM orders ORDER BY id;

-- name: order_nulls_first
SELECT id, city FROM customers ORDER BY city NULLS FIRST, id;

-- name: order_nulls_last_desc
SELECT id, last_login_at FROM customers ORDER BY last_login_at DESC NULLS LAST, id;

-- name: order_default_nulls_desc
-- Postgres sorts NULLs first in DESC order by default
SELECT id, cost FROM products ORDER BY cost DESC, id;

-- name: order_by_numeric_values
-- numeric order must be by value, not by text
SELECT id, credit_limit FROM customers ORDER BY credit_limit DESC, id;

-- name: limit_offset_paging
SELECT id, email FROM customers ORDER BY id LIMIT 5 OFFSET 10;

-- name: offset_only
SELECT id FROM orders ORDER BY id OFFSET 75;

-- name: order_by_expression
SELECT id, full_name FROM customers ORDER BY length(full_name) DESC, id LIMIT 8;

-- name: order_by_bool_column
SELECT id, is_active FROM customers ORDER BY is_active, id;

-- name: order_by_position_and_alias
SELECT country AS c, count(*) AS n FROM customers GROUP BY country ORDER BY n DESC, c;
