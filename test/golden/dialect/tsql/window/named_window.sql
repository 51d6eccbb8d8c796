SELECT id, lag(total) OVER w AS prev FROM orders WINDOW w AS (PARTITION BY customer_id ORDER BY ordered_on)
