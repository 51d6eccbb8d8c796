SELECT * FROM app.orders WHERE status = 'new' AND total > 10 AND customer_id = 3 AND orders.tenant_id = '11111111-1111-1111-1111-111111111111'
