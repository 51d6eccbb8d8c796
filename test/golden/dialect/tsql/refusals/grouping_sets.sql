SELECT country, active, count(*) FROM customers GROUP BY GROUPING SETS ((country), (active))
