-- name: join_orders_customers
-- inner join: recent orders with their customer
SELECT o.id, c.full_name, o.status, o.ordered_at
FROM orders o
JOIN customers c ON c.id = o.customer_id
ORDER BY o.id
LIMIT 25;

-- name: join_three_tables
-- order lines with product names
SELECT oi.order_id, oi.line_no, p.sku, p.name, oi.quantity, oi.unit_price
FROM order_items oi
JOIN orders o ON o.id = oi.order_id
JOIN products p ON p.id = oi.product_id
WHERE o.status = 'shipped'
ORDER BY oi.order_id, oi.line_no;

-- name: left_join_customers_without_orders
SELECT c.id, c.full_name, o.id AS order_id
FROM customers c
LEFT JOIN orders o ON o.customer_id = c.id
WHERE o.id IS NULL
ORDER BY c.id;

-- name: left_join_order_counts
SELECT c.id, c.email, count(o.id) AS orders
FROM customers c
LEFT JOIN orders o ON o.customer_id = c.id
GROUP BY c.id, c.email
ORDER BY c.id;

-- name: self_join_employee_manager
SELECT e.id, e.full_name, m.full_name AS manager
FROM employees e
LEFT JOIN employees m ON m.id = e.manager_id
ORDER BY e.id;

-- name: self_join_referrals
SELECT c.full_name AS customer, r.full_name AS referred_by, r.plan AS referrer_plan
FROM customers c
JOIN customers r ON r.id = c.referred_by
ORDER BY c.id;

-- name: anti_join_not_exists_products
-- products never part of a refunded order
SELECT p.id, p.name
FROM products p
WHERE NOT EXISTS (
  SELECT 1 FROM order_items oi JOIN orders o ON o.id = oi.order_id WHERE oi.product_id = p.id AND o.status = 'refunded'
)
ORDER BY p.id;

-- name: semi_join_exists_customers
SELECT c.id, c.full_name
FROM customers c
WHERE EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id AND o.status = 'refunded')
ORDER BY c.id;

-- name: join_using_clause
SELECT order_id, line_no, o.status
FROM order_items
JOIN (SELECT id AS order_id, status FROM orders) o USING (order_id)
WHERE line_no = 1
ORDER BY order_id;

-- name: join_with_extra_condition
SELECT o.id, p.amount, p.method
FROM orders o
LEFT JOIN payments p ON p.order_id = o.id AND p.succeeded
ORDER BY o.id, p.id NULLS FIRST;

-- name: full_outer_join_tags
SELECT t.name, pt.product_id
FROM tags t
FULL OUTER JOIN product_tags pt ON pt.tag_id = t.id AND pt.product_id <= 3
ORDER BY t.name NULLS LAST, pt.product_id NULLS LAST;

-- name: right_join_products_tags
SELECT p.name, t.name AS tag
FROM product_tags pt
JOIN tags t ON t.id = pt.tag_id
RIGHT JOIN products p ON p.id = pt.product_id
ORDER BY p.id, t.name NULLS FIRST;

-- name: cross_join_small
SELECT t.name, s.status
FROM tags t
CROSS JOIN (VALUES ('paid'), ('shipped')) AS s(status)
ORDER BY t.name, s.status;

-- name: join_sales_rep_revenue
SELECT e.full_name, count(DISTINCT o.id) AS orders, sum(oi.quantity * oi.unit_price) AS gross
FROM employees e
JOIN orders o ON o.sales_rep_id = e.id
JOIN order_items oi ON oi.order_id = o.id
GROUP BY e.id, e.full_name
ORDER BY gross DESC, e.id;

-- name: join_payments_unmatched
-- customers who never paid successfully
SELECT c.id, c.full_name
FROM customers c
WHERE NOT EXISTS (
  SELECT 1 FROM payments p JOIN orders o ON o.id = p.order_id WHERE o.customer_id = c.id AND p.succeeded
)
ORDER BY c.id;

-- name: join_lateral_latest_event
SELECT c.id, e.kind, e.occurred_at
FROM customers c
CROSS JOIN LATERAL (
  SELECT kind, occurred_at FROM events ev WHERE ev.customer_id = c.id ORDER BY occurred_at DESC, id DESC LIMIT 1
) e
ORDER BY c.id;

-- name: join_tags_per_product
SELECT p.sku, count(pt.tag_id) AS tag_count
FROM products p
LEFT JOIN product_tags pt ON pt.product_id = p.id
GROUP BY p.sku
ORDER BY tag_count DESC, p.sku;

-- name: join_not_in_subquery
SELECT id, name FROM tags
WHERE id NOT IN (SELECT tag_id FROM product_tags WHERE product_id < 5)
ORDER BY id;

-- name: join_customer_country_pairs
-- customers of the same country (self join, inequality)
SELECT a.id AS a_id, b.id AS b_id, a.country
FROM customers a
JOIN customers b ON a.country = b.country AND a.id < b.id
WHERE a.country = 'DE'
ORDER BY a.id, b.id;

-- name: join_events_anonymous
SELECT e.id, e.kind, c.email
FROM events e
LEFT JOIN customers c ON c.id = e.customer_id
WHERE e.id <= 20
ORDER BY e.id;
