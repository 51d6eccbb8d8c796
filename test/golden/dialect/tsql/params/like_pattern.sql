SELECT name FROM customers WHERE name LIKE $1
