SELECT translate(name, 'abc', 'xyz') AS t FROM customers
