SELECT sum(id) AS s, avg(id) AS a FROM orders
