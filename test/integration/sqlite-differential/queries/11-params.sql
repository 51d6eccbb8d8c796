-- Cases with bind parameters: values are sent as text with no declared type, so the server infers $n's
-- type from the context (ParameterDescription) and converts the text, as an application's driver would.

-- name: param_filter_text_and_int
-- params: ["DE", "2"]
SELECT id, full_name FROM customers WHERE country = $1 AND id > $2 ORDER BY id;

-- name: param_numeric_comparison
-- params: ["1000.5"]
SELECT id, price FROM products WHERE price >= $1 ORDER BY price, id;

-- name: param_date_range
-- params: ["2024-04-01", "2024-06-30"]
SELECT id, ordered_at FROM orders WHERE ordered_at::date BETWEEN $1 AND $2 ORDER BY ordered_at, id;

-- name: param_timestamptz
-- params: ["2024-10-01 00:00:00+02"]
SELECT id, last_login_at FROM customers WHERE last_login_at >= $1 ORDER BY last_login_at, id;

-- name: param_boolean
-- params: ["false"]
SELECT id, email FROM customers WHERE is_active = $1 ORDER BY id;

-- name: param_in_select_list
-- params: ["x", "5"]
SELECT id, $1::text || sku AS tagged, stock + $2::int AS restocked FROM products ORDER BY id LIMIT 5;

-- name: param_limit_offset
-- params: ["3", "6"]
SELECT id FROM orders ORDER BY id LIMIT $1 OFFSET $2;

-- name: param_like_pattern
-- params: ["%example.io"]
SELECT id, email FROM customers WHERE email LIKE $1 ORDER BY id;

-- name: param_null_coalesce
-- params: [null]
SELECT id, coalesce($1::text, city, '-') AS place FROM customers ORDER BY id LIMIT 6;

-- name: param_json_key
-- params: ["device", "os"]
SELECT id, payload->$1->>$2 AS value FROM events WHERE kind = 'page_view' ORDER BY id LIMIT 10;

-- name: param_update_returning
-- params: ["12.50", "SKU-1003"]
UPDATE products SET price = price + $1 WHERE sku = $2 RETURNING id, sku, price;

-- name: param_insert_returning
-- params: ["limited-edition", "silver"]
INSERT INTO tags (name, color) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING RETURNING id, name, color;
