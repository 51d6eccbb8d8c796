SELECT position('' in name) AS p, repeat('ab', -1) AS r, repeat('ab', 0) AS z FROM customers
