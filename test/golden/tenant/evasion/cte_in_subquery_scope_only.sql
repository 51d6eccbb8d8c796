SELECT * FROM orders, (WITH orders AS (SELECT 1 AS x) SELECT * FROM orders) AS inner_q
