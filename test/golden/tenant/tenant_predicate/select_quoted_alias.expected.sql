SELECT "O".id FROM app.orders AS "O" WHERE "O".status = 'paid' AND "O".tenant_id = '11111111-1111-1111-1111-111111111111'
