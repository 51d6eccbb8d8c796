SELECT * FROM orders WHERE status = 'new' AND total > 10 AND customer_id = 3
