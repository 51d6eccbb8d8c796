SELECT id FROM customers WHERE name || email = 'ab'
