SELECT to_char(delivered_at, 'YYYY-MM-DD HH24:MI') AS a, to_char(ordered_on, 'Mon DD') AS b FROM orders
