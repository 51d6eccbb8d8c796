SELECT allowed_fn(id) FROM orders
