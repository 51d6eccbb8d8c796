SELECT id FROM customers WHERE email = country
