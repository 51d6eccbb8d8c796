SELECT * FROM app.orders, ( WITH orders AS (SELECT 1 AS x) SELECT * FROM orders ) AS inner_q WHERE orders.tenant_id = '11111111-1111-1111-1111-111111111111'
