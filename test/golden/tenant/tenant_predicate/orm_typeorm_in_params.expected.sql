SELECT "Order".id AS "Order_id", "Order".total AS "Order_total" FROM app.orders AS "Order" WHERE "Order".id IN ($1, $2) AND "Order".tenant_id = '11111111-1111-1111-1111-111111111111'
