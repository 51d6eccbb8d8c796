SELECT e.key, e.value FROM orders, jsonb_each(details) AS e
