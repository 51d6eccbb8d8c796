SELECT id, rank() OVER (PARTITION BY customer_id ORDER BY total DESC) FROM orders
