SELECT id FROM customers UNION SELECT ordered_on FROM orders
