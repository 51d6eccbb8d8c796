SELECT left(name, 3) AS l, right(name, 2) AS r, left(name, -1) AS neg FROM customers
