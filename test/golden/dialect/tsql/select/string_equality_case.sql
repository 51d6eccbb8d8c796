SELECT id FROM customers WHERE name = 'ada' OR email <> 'X@example.com'
