-- name: cte_simple
WITH big_orders AS (
  SELECT order_id, sum(quantity * unit_price) AS total FROM order_items GROUP BY order_id
)
SELECT order_id, total FROM big_orders WHERE total > 1000 ORDER BY total DESC, order_id;

-- name: cte_chained
WITH totals AS (
  SELECT order_id, sum(quantity * unit_price) AS total FROM order_items GROUP BY order_id
), by_customer AS (
  SELECT o.customer_id, sum(t.total) AS spent, count(*) AS orders
  FROM orders o JOIN totals t ON t.order_id = o.id
  GROUP BY o.customer_id
)
SELECT c.full_name, b.spent, b.orders
FROM by_customer b JOIN customers c ON c.id = b.customer_id
ORDER BY b.spent DESC, c.id
LIMIT 10;

-- name: cte_recursive_org_chart
WITH RECURSIVE chain AS (
  SELECT id, full_name, manager_id, 1 AS depth, full_name AS path
  FROM employees WHERE manager_id IS NULL
  UNION ALL
  SELECT e.id, e.full_name, e.manager_id, c.depth + 1, c.path || ' > ' || e.full_name
  FROM employees e JOIN chain c ON e.manager_id = c.id
)
SELECT id, depth, path FROM chain ORDER BY path;

-- name: cte_recursive_reports_of
-- everyone under the VP Sales
WITH RECURSIVE reports AS (
  SELECT id, full_name FROM employees WHERE id = 3
  UNION ALL
  SELECT e.id, e.full_name FROM employees e JOIN reports r ON e.manager_id = r.id
)
SELECT id, full_name FROM reports ORDER BY id;

-- name: cte_recursive_counter
WITH RECURSIVE n(i) AS (
  SELECT 1
  UNION ALL
  SELECT i + 1 FROM n WHERE i < 12
)
SELECT i, i * i AS square FROM n ORDER BY i;

-- name: cte_recursive_referral_chain
WITH RECURSIVE refs AS (
  SELECT id, referred_by, 0 AS hops FROM customers WHERE referred_by IS NOT NULL
  UNION ALL
  SELECT r.id, c.referred_by, r.hops + 1
  FROM refs r JOIN customers c ON c.id = r.referred_by
  WHERE c.referred_by IS NOT NULL
)
SELECT id, max(hops) AS chain_length FROM refs GROUP BY id ORDER BY id;

-- name: cte_headcount_per_manager
WITH RECURSIVE tree AS (
  SELECT id AS root, id FROM employees
  UNION ALL
  SELECT t.root, e.id FROM tree t JOIN employees e ON e.manager_id = t.id
)
SELECT root, count(*) - 1 AS reports FROM tree GROUP BY root ORDER BY root;

-- name: subq_scalar_in_select
SELECT c.id, c.full_name,
  (SELECT count(*) FROM orders o WHERE o.customer_id = c.id) AS order_count,
  (SELECT max(ordered_at) FROM orders o WHERE o.customer_id = c.id) AS last_order
FROM customers c
ORDER BY c.id;

-- name: subq_in_list
SELECT id, email FROM customers
WHERE id IN (SELECT customer_id FROM orders WHERE status = 'cancelled')
ORDER BY id;

-- name: subq_not_in_nullable
SELECT id, full_name FROM employees
WHERE id NOT IN (SELECT sales_rep_id FROM orders WHERE sales_rep_id IS NOT NULL)
ORDER BY id;

-- name: subq_correlated_where
SELECT p.id, p.name, p.price
FROM products p
WHERE p.price > (SELECT avg(p2.price) FROM products p2 WHERE p2.category = p.category)
ORDER BY p.id;

-- name: subq_exists_correlated_date
SELECT c.id FROM customers c
WHERE EXISTS (
  SELECT 1 FROM events e WHERE e.customer_id = c.id AND e.kind = 'support_ticket' AND e.occurred_at > c.signup_date
)
ORDER BY c.id;

-- name: subq_derived_table
SELECT t.status, t.avg_lines
FROM (
  SELECT o.status, avg(x.lines) AS avg_lines
  FROM orders o JOIN (SELECT order_id, count(*) AS lines FROM order_items GROUP BY order_id) x ON x.order_id = o.id
  GROUP BY o.status
) t
ORDER BY t.status;

-- name: subq_any_all
SELECT id, price FROM products
WHERE price > ALL (SELECT price FROM products WHERE category = 'software')
ORDER BY id;

-- name: subq_scalar_comparison
SELECT id, amount FROM payments
WHERE amount = (SELECT max(amount) FROM payments)
ORDER BY id;

-- name: subq_in_with_tuple_values
SELECT id, full_name FROM employees WHERE (department, title) IN (SELECT 'Sales', 'Account Executive') ORDER BY id;

-- name: cte_used_twice
WITH monthly AS (
  SELECT date_trunc('month', paid_at) AS m, sum(amount) AS total FROM payments WHERE succeeded GROUP BY 1
)
SELECT m, total, total - (SELECT avg(total) FROM monthly) AS vs_average
FROM monthly
ORDER BY m;

-- name: cte_materialized_hint
WITH active AS MATERIALIZED (SELECT id FROM customers WHERE is_active)
SELECT count(*) FROM orders WHERE customer_id IN (SELECT id FROM active);

-- name: subq_lateral_top_items
SELECT o.id, top.product_id, top.quantity
FROM orders o
CROSS JOIN LATERAL (
  SELECT product_id, quantity FROM order_items oi WHERE oi.order_id = o.id ORDER BY quantity DESC, line_no LIMIT 1
) top
WHERE o.id <= 20
ORDER BY o.id;

-- name: subq_case_in_aggregate
SELECT customer_id,
  sum(CASE WHEN status = 'shipped' THEN 1 ELSE 0 END) AS shipped,
  sum(CASE WHEN status IN ('cancelled', 'refunded') THEN 1 ELSE 0 END) AS lost
FROM orders
GROUP BY customer_id
ORDER BY customer_id;
