SELECT name FROM customers WHERE id IN (VALUES (1), (2))
