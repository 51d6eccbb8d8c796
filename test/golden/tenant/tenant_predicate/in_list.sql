SELECT * FROM orders WHERE status IN ('new', 'paid') AND id NOT IN (1, 2)
