SELECT id FROM customers WHERE active = $1
