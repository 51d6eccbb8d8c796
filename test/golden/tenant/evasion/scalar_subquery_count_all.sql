SELECT (SELECT count(*) FROM orders) AS everyone
