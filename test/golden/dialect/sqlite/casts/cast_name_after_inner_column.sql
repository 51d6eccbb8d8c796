SELECT CAST(balance AS text), balance::float8, 1::text, CAST('x' AS text) FROM customers
