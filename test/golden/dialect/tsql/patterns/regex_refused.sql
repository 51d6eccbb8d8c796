SELECT name FROM customers WHERE email ~ '^[a-z]+@'
