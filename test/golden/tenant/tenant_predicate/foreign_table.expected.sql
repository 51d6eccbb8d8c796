SELECT * FROM app.remote_orders WHERE remote_orders.tenant_id = '11111111-1111-1111-1111-111111111111'
