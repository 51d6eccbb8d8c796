SELECT replace(name, 'a', 'b') AS r FROM customers
