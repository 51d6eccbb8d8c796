SELECT name || NULL AS n FROM customers
