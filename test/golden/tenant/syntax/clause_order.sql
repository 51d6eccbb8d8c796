SELECT * WHERE id = 1 FROM orders
