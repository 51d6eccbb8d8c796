SELECT details -> 'customer' AS c, details ->> 'note' AS n, details -> 'items' -> 0 AS first FROM orders
