SELECT id FROM customers WHERE active = 'maybe'
