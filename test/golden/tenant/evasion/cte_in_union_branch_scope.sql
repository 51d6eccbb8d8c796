(WITH orders AS (SELECT 1 AS id) SELECT id FROM orders) UNION ALL SELECT id FROM orders
