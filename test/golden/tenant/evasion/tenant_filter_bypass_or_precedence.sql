SELECT * FROM orders WHERE id = 1 OR 1 = 1
