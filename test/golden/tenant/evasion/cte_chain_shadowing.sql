WITH a AS (SELECT * FROM orders), orders AS (SELECT * FROM a) SELECT * FROM orders
