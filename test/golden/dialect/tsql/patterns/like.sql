SELECT name FROM customers WHERE name LIKE 'A%' AND email NOT LIKE '%@example.com'
