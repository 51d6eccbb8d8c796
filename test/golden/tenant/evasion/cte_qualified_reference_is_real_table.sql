WITH orders AS (SELECT 1 AS id) SELECT * FROM orders, app.orders AS real
