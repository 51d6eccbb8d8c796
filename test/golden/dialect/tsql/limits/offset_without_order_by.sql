SELECT id FROM customers OFFSET 5
