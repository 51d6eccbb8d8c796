SELECT * FROM app.orders WHERE (id = 1 OR 1 = 1) AND orders.tenant_id = '11111111-1111-1111-1111-111111111111'
