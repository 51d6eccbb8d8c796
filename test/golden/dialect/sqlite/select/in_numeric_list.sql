SELECT id FROM orders WHERE total IN (10, 20.5)
