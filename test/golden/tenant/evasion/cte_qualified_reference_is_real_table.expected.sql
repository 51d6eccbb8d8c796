WITH orders AS (SELECT 1 AS id) SELECT * FROM orders, app.orders AS "real" WHERE "real".tenant_id = '11111111-1111-1111-1111-111111111111'
