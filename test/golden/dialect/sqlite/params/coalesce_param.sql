SELECT coalesce(discount, $1) AS d FROM orders
