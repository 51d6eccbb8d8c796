SELECT id FROM orders WHERE (customer_id, id) = (1, 2)
