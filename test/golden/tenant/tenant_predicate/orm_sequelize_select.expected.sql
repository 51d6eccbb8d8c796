SELECT id, total, status FROM app.orders AS "Order" WHERE "Order".customer_id = 42 AND "Order".tenant_id = '11111111-1111-1111-1111-111111111111'
