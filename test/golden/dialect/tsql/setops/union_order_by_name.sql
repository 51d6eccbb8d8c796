SELECT name AS n FROM customers UNION SELECT name FROM products ORDER BY n DESC
