SELECT count(*) AS n FROM orders HAVING count(*) > 0
