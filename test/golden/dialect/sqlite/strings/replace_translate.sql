SELECT replace(name, 'a', 'b') AS r, translate(name, 'abc', 'xyz') AS t FROM customers
