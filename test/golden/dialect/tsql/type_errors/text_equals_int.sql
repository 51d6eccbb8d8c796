SELECT id FROM customers WHERE name = 1
