SELECT coalesce((SELECT max(total) FROM orders), 0)
