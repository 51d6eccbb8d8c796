SELECT id, lag(total) OVER w AS prev, lead(total, 2, 0) OVER w AS next2 FROM orders WINDOW w AS (PARTITION BY customer_id ORDER BY ordered_on)
