SELECT id FROM orders WHERE customer_id = $1 OR id = $1
