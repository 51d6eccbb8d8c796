SELECT name FROM customers WHERE name LIKE '[vip]%'
