SELECT coalesce(id, 'x') FROM customers
