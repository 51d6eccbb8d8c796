SELECT "select".id FROM app.orders AS "select" WHERE "select".tenant_id = '11111111-1111-1111-1111-111111111111'
