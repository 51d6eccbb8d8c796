SELECT * FROM app.orders WHERE (status = 'new' OR status = 'paid') AND orders.tenant_id = '11111111-1111-1111-1111-111111111111'
