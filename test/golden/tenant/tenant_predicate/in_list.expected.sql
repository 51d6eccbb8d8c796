SELECT * FROM app.orders WHERE status IN ('new', 'paid') AND id NOT IN (1, 2) AND orders.tenant_id = '11111111-1111-1111-1111-111111111111'
