SELECT * FROM orders AS x(a, b, c)
