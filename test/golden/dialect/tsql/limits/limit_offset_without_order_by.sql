SELECT id, name FROM customers LIMIT 5 OFFSET 10
