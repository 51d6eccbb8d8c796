WITH big AS (SELECT * FROM orders WHERE total > 1000) SELECT * FROM big
