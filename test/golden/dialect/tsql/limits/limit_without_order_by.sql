SELECT id FROM customers LIMIT 5
