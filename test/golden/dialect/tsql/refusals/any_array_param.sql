SELECT id FROM customers WHERE id = ANY($1)
