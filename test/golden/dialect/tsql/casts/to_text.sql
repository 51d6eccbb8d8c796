SELECT CAST(balance AS text), id::text, created_at::text AS ts, active::text AS b FROM customers
