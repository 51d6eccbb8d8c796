SELECT id, row_number() OVER (ORDER BY total DESC), rank() OVER (PARTITION BY customer_id ORDER BY total), dense_rank() OVER (ORDER BY status) FROM orders
