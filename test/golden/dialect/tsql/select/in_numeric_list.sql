SELECT id FROM orders WHERE total IN (10, 20.5) AND status NOT IN ('a', 'b')
