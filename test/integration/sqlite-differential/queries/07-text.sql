-- name: text_lower_upper_length
-- types: int4, text, text, int4
SELECT id, lower(email) AS e, upper(country) AS c, length(full_name) AS len FROM customers ORDER BY id;

-- name: text_substring_forms
SELECT id, substring(sku from 5) AS num, substring(sku, 1, 3) AS prefix, substr(name, 2, 4) AS mid FROM products ORDER BY id;

-- name: text_position_strpos
SELECT id, email, position('@' in email) AS at_pos, strpos(email, '.') AS dot_pos FROM customers ORDER BY id LIMIT 12;

-- name: text_replace
SELECT id, replace(name, ' ', '_') AS slug, replace(sku, 'SKU-', '') AS code FROM products ORDER BY id;

-- name: text_trim_variants
SELECT id, '[' || trim(note) || ']' AS t, '[' || ltrim(note) || ']' AS l, '[' || rtrim(note) || ']' AS r, trim(both '!' from note) AS bang
FROM orders WHERE note IS NOT NULL ORDER BY id;

-- name: text_split_part_email
SELECT id, split_part(email, '@', 1) AS local_part, split_part(email, '@', 2) AS domain, split_part(email, '.', 3) AS third
FROM customers ORDER BY id;

-- name: text_concat_and_pipes
SELECT id, concat(full_name, ' <', email, '>') AS display, full_name || ' (' || country || ')' AS label, concat('x', NULL, 'y') AS skip_null
FROM customers ORDER BY id LIMIT 10;

-- name: text_pipe_with_null
SELECT id, 'city: ' || city AS maybe_null FROM customers ORDER BY id;

-- name: text_concat_ws
SELECT id, concat_ws(', ', city, country, plan) AS address FROM customers ORDER BY id;

-- name: text_left_right
SELECT id, left(name, 5) AS l5, right(sku, 4) AS r4, left(name, -3) AS drop_last3 FROM products ORDER BY id;

-- name: text_lpad_rpad
SELECT id, lpad(id::text, 5, '0') AS padded, rpad(category, 12, '.') AS dotted, lpad(name, 6) AS cut FROM products ORDER BY id;

-- name: text_initcap
SELECT id, initcap(title) AS t, initcap(lower(full_name)) AS n FROM employees ORDER BY id;

-- name: text_ilike
SELECT id, full_name FROM customers WHERE full_name ILIKE '%an%' ORDER BY id;

-- name: text_like_patterns
SELECT id, sku, name FROM products WHERE name LIKE 'L%' OR name LIKE '%_Hub' OR sku LIKE 'SKU-10_0' ORDER BY id;

-- name: text_not_like_escape
SELECT id, name FROM products WHERE name NOT LIKE '%-%' ORDER BY id;

-- name: text_regex_match
SELECT id, email FROM customers WHERE email ~ '^[a-m][a-z]*\.[a-z]+[0-9]+@example\.(com|io)$' ORDER BY id;

-- name: text_regex_case_insensitive
SELECT id, name FROM products WHERE name ~* 'laptop|DESK' ORDER BY id;

-- name: text_not_regex
SELECT id, note FROM orders WHERE note IS NOT NULL AND note !~ '[A-Z]' ORDER BY id;

-- name: text_repeat_reverse
SELECT order_id, line_no, repeat('*', quantity) AS stars, reverse(unit_price::text) AS rev FROM order_items WHERE order_id <= 4 ORDER BY order_id, line_no;

-- name: text_length_variants
SELECT id, length(city) AS chars, char_length(city) AS cl, octet_length(city) AS bytes FROM customers WHERE city IS NOT NULL ORDER BY id;

-- name: text_string_compare_order
SELECT full_name FROM customers WHERE full_name > 'M' ORDER BY full_name;

-- name: text_regexp_replace
SELECT id, regexp_replace(sku, '[0-9]', '#', 'g') AS masked, regexp_replace(name, '\s+', ' ') AS squeezed FROM products ORDER BY id;

-- name: text_translate_and_md5
SELECT id, translate(sku, 'SKU', 'sku') AS t, md5(sku) AS h FROM products ORDER BY id LIMIT 6;

-- name: text_starts_with_and_in
SELECT id, email FROM customers WHERE starts_with(email, 'm') OR country IN ('JP', 'CH') ORDER BY id;

-- name: text_format_function
SELECT id, format('%s ordered %s item(s)', customer_id, (SELECT count(*) FROM order_items WHERE order_id = orders.id)) AS msg
FROM orders ORDER BY id LIMIT 10;

-- name: text_uuid_column
-- types: int4, uuid, text
SELECT id, external_id, upper(external_id::text) AS upper_id FROM customers ORDER BY external_id LIMIT 8;
