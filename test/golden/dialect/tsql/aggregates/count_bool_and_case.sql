SELECT count(active) AS a, sum(CASE WHEN active THEN 1 ELSE 0 END) AS s, avg(balance) FILTER (WHERE active) AS b FROM customers
