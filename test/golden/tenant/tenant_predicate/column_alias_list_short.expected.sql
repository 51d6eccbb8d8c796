SELECT * FROM app.orders AS x(order_id) WHERE x.tenant_id = '11111111-1111-1111-1111-111111111111'
