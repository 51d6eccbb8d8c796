SELECT id, 'customer' AS kind FROM customers UNION ALL SELECT id, 'order' FROM orders
