SELECT greatest(total, discount, 0) AS g, least(shipped_at, delivered_at) AS l, greatest(1, 2.5) AS n FROM orders
