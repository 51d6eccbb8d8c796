SELECT * FROM orders CROSS JOIN products
