-- Every case here runs inside BEGIN … ROLLBACK (see corpus.ts and the runner).

-- name: dml_insert_returning_serial
-- types: int4, text, bool, numeric, text, int4
INSERT INTO customers (external_id, email, full_name, country, signup_date)
VALUES ('0b1c2d3e-0000-4000-8000-000000000001', 'new.person@example.com', 'New Person', 'NL', '2024-12-01')
RETURNING id, plan, is_active, credit_limit, city, referred_by;

-- name: dml_insert_multi_returning
INSERT INTO tags (name, color) VALUES ('seasonal', 'orange'), ('premium', NULL)
RETURNING id, name, color;

-- name: dml_insert_identity_returning_all
INSERT INTO products (sku, name, category, price, created_at)
VALUES ('SKU-9001', 'Desk Lamp', 'hardware', 39.9, '2024-11-11 11:11:11')
RETURNING *;

-- name: dml_insert_numeric_rounding
-- numeric(12,2) rounds on the way in
INSERT INTO payments (order_id, amount, method, paid_at)
VALUES (1, 10.005, 'card', '2024-12-24 18:00:00+01')
RETURNING id, amount, paid_at, succeeded, reference;

-- name: dml_insert_select_returning
INSERT INTO product_tags (product_id, tag_id)
SELECT p.id, 8 FROM products p WHERE p.is_discontinued AND NOT EXISTS (SELECT 1 FROM product_tags x WHERE x.product_id = p.id AND x.tag_id = 8)
RETURNING product_id, tag_id;

-- name: dml_insert_jsonb_returning
-- types: int8, jsonb, text, float8
INSERT INTO events (customer_id, kind, occurred_at, payload)
VALUES (3, 'page_view', '2024-12-31 23:59:59+00', '{"page": "/new", "device": {"os": "linux", "version": 6}, "a": [1, 2]}')
RETURNING id, payload, payload->>'page' AS page, duration_ms;

-- name: dml_insert_default_values_expr
INSERT INTO orders (customer_id, ordered_at) VALUES (5, '2024-12-30 09:00:00+00')
RETURNING id, status, discount_pct, sales_rep_id, note;

-- name: dml_insert_returning_expression
INSERT INTO employees (full_name, title, department, manager_id, hired_on, salary)
VALUES ('Katherine Johnson', 'Engineer', 'Engineering', 4, '2024-10-01', 99000)
RETURNING id, upper(full_name) AS shout, salary * 12 AS yearly, hired_on + 90 AS probation_end;

-- name: dml_upsert_do_update_returning
INSERT INTO tags (name, color) VALUES ('eco', 'teal')
ON CONFLICT (name) DO UPDATE SET color = excluded.color
RETURNING id, name, color;

-- name: dml_upsert_do_update_with_existing
INSERT INTO products (sku, name, category, price, stock, created_at)
VALUES ('SKU-1003', 'Laptop Pro 14', 'hardware', 1.00, 5, '2024-01-01 00:00:00')
ON CONFLICT (sku) DO UPDATE SET stock = products.stock + excluded.stock
RETURNING id, sku, stock, price;

-- name: dml_upsert_do_nothing_returning
INSERT INTO tags (name, color) VALUES ('new', 'black')
ON CONFLICT (name) DO NOTHING
RETURNING id, name;

-- name: dml_upsert_do_nothing_mixed
INSERT INTO tags (name, color) VALUES ('bundle', 'x'), ('brand-new', 'y')
ON CONFLICT DO NOTHING
RETURNING name, color;

-- name: dml_upsert_where_clause
INSERT INTO tags (name, color) VALUES ('clearance', 'pink'), ('b2b', 'grey')
ON CONFLICT (name) DO UPDATE SET color = excluded.color WHERE tags.color IS NULL
RETURNING name, color;

-- name: dml_upsert_composite_key
INSERT INTO order_items (order_id, line_no, product_id, quantity, unit_price)
VALUES (1, 1, 2, 99, 1.00)
ON CONFLICT (order_id, line_no) DO UPDATE SET quantity = order_items.quantity + 1
RETURNING order_id, line_no, product_id, quantity, unit_price;

-- name: dml_update_returning
UPDATE products SET price = round(price * 1.1, 2), stock = stock - 1
WHERE category = 'accessories' AND stock > 0
RETURNING id, price, stock;

-- name: dml_update_from_join
UPDATE orders o SET note = 'VIP: ' || c.full_name
FROM customers c
WHERE c.id = o.customer_id AND c.plan = 'enterprise'
RETURNING o.id, o.note;

-- name: dml_update_subquery_returning
UPDATE customers SET credit_limit = credit_limit + 500
WHERE id IN (SELECT customer_id FROM orders GROUP BY customer_id HAVING count(*) >= 4)
RETURNING id, credit_limit;

-- name: dml_update_timestamp_returning
UPDATE orders SET status = 'shipped', shipped_at = ordered_at::timestamp + interval '2 days'
WHERE status = 'paid'
RETURNING id, status, shipped_at;

-- name: dml_update_no_rows
UPDATE tags SET color = 'none' WHERE id < 0 RETURNING id;

-- name: dml_update_boolean_toggle
UPDATE customers SET is_active = NOT is_active WHERE country = 'DE' RETURNING id, is_active;

-- name: dml_delete_returning
DELETE FROM product_tags WHERE tag_id = 4 RETURNING product_id, tag_id;

-- name: dml_delete_using_returning
DELETE FROM payments p USING orders o
WHERE o.id = p.order_id AND o.status = 'refunded'
RETURNING p.id, p.order_id, p.amount;

-- name: dml_delete_events_returning_json
DELETE FROM events WHERE kind = 'logout' RETURNING id, customer_id, payload;

-- name: dml_delete_subquery
DELETE FROM order_items WHERE order_id IN (SELECT id FROM orders WHERE status = 'cancelled') RETURNING order_id, line_no;

-- name: dml_update_without_returning
UPDATE products SET stock = 0 WHERE is_discontinued;

-- name: dml_delete_without_returning
DELETE FROM events WHERE customer_id IS NULL;

-- name: dml_insert_without_returning
INSERT INTO tags (name) VALUES ('x1'), ('x2'), ('x3');

-- name: dml_cte_insert_returning
WITH moved AS (
  DELETE FROM product_tags WHERE tag_id = 2 RETURNING product_id
)
INSERT INTO product_tags (product_id, tag_id)
SELECT product_id, 6 FROM moved WHERE NOT EXISTS (SELECT 1 FROM product_tags x WHERE x.product_id = moved.product_id AND x.tag_id = 6)
RETURNING product_id, tag_id;
