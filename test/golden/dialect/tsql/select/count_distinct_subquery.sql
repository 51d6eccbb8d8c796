SELECT count(*) AS n FROM (SELECT DISTINCT customer_id FROM orders) AS t
