SELECT id FROM customers WHERE NOT active
