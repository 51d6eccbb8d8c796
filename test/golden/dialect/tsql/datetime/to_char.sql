SELECT to_char(shipped_at, 'YYYY-MM-DD HH24:MI') AS a FROM orders
