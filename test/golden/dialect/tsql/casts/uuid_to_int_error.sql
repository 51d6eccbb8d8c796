SELECT tracking::integer FROM orders
