SELECT id FROM orders WHERE total = '99.999'
