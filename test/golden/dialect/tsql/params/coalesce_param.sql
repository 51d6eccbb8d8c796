SELECT coalesce(total, $1) AS t FROM orders
