SELECT x.n FROM (SELECT y.n FROM (SELECT count(*) AS n FROM orders) y) x
