SELECT id, lag(total) OVER (PARTITION BY customer_id ORDER BY ordered_on) AS prev, lead(total, 2, 0) OVER (PARTITION BY customer_id ORDER BY ordered_on) AS next2 FROM orders
