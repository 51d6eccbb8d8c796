SELECT name AS n, balance FROM customers ORDER BY 2 DESC, n
