WITH orders AS (SELECT * FROM orders) SELECT * FROM orders
