-- Reporting and API-shaped queries: statistics, JSON building, grouping sets, interval aggregates.

-- name: rep_stddev_variance_numeric
-- types: numeric, numeric, numeric
SELECT stddev_samp(amount) AS sd, var_pop(amount) AS vp, stddev(quantity) AS sd_qty
FROM payments p JOIN order_items oi ON oi.order_id = p.order_id AND oi.line_no = 1
WHERE p.succeeded;

-- name: rep_double_sum_avg
SELECT kind, sum(duration_ms) AS total_ms, avg(duration_ms) AS avg_ms, round(avg(duration_ms)::numeric, 2) AS avg_ms_2
FROM events
GROUP BY kind
ORDER BY kind;

-- name: rep_jsonb_build_object
SELECT id, jsonb_build_object('id', id, 'sku', sku, 'price', price, 'tags', NULL) AS doc
FROM products ORDER BY id LIMIT 6;

-- name: rep_json_agg_ordered
SELECT o.customer_id, json_agg(o.id ORDER BY o.id) AS order_ids
FROM orders o
GROUP BY o.customer_id
ORDER BY o.customer_id
LIMIT 8;

-- name: rep_rollup_country_plan
SELECT country, plan, count(*) AS n
FROM customers
GROUP BY ROLLUP (country, plan)
ORDER BY country NULLS LAST, plan NULLS LAST;

-- name: rep_median_percentile
SELECT category, percentile_cont(0.5) WITHIN GROUP (ORDER BY price) AS median_price
FROM products
GROUP BY category
ORDER BY category;

-- name: rep_string_agg_distinct
SELECT o.customer_id, string_agg(DISTINCT p.category, ', ' ORDER BY p.category) AS categories
FROM orders o JOIN order_items oi ON oi.order_id = o.id JOIN products p ON p.id = oi.product_id
GROUP BY o.customer_id
ORDER BY o.customer_id;

-- name: rep_avg_interval
SELECT status, avg(shipped_at - ordered_at::timestamp) AS avg_ship_time, max(shipped_at - ordered_at::timestamp) AS worst
FROM orders
WHERE shipped_at IS NOT NULL
GROUP BY status
ORDER BY status;

-- name: rep_extract_epoch_interval
SELECT id, extract(epoch from shipped_at - ordered_at::timestamp) / 3600 AS hours_to_ship
FROM orders WHERE shipped_at IS NOT NULL ORDER BY id;

-- name: rep_to_char_grouping
SELECT id, to_char(credit_limit, 'FM999,999,990.00') AS credit, to_char(credit_limit, '999G999D99') AS localized
FROM customers ORDER BY id LIMIT 10;

-- name: rep_coalesce_sum_empty_groups
SELECT c.id, coalesce(sum(p.amount), 0) AS paid
FROM customers c
LEFT JOIN orders o ON o.customer_id = c.id
LEFT JOIN payments p ON p.order_id = o.id AND p.succeeded
GROUP BY c.id
ORDER BY c.id;

-- name: rep_unnest_string_to_array
SELECT id, part
FROM customers, unnest(string_to_array(full_name, ' ')) AS part
WHERE id <= 6
ORDER BY id, part;

-- name: rep_jsonb_array_elements
SELECT e.id, t.tag
FROM events e, jsonb_array_elements_text(e.payload->'tags') AS t(tag)
ORDER BY e.id, t.tag;

-- name: rep_update_multi_column_set
UPDATE products SET (stock, is_discontinued) = (0, true) WHERE category = 'services' RETURNING id, stock, is_discontinued;

-- name: rep_monthly_revenue_growth
WITH monthly AS (
  SELECT date_trunc('month', paid_at)::date AS month, sum(amount) AS revenue
  FROM payments WHERE succeeded GROUP BY 1
)
SELECT month, revenue,
  revenue - lag(revenue) OVER (ORDER BY month) AS change,
  round(100.0 * (revenue - lag(revenue) OVER (ORDER BY month)) / lag(revenue) OVER (ORDER BY month), 1) AS pct
FROM monthly
ORDER BY month;

-- name: rep_cohort_by_signup_quarter
SELECT to_char(signup_date, 'YYYY-"Q"Q') AS cohort, count(*) AS customers,
  count(*) FILTER (WHERE EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id)) AS buyers
FROM customers c
GROUP BY 1
ORDER BY 1;
