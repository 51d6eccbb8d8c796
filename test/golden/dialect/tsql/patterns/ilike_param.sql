SELECT name FROM customers WHERE email ILIKE $1
