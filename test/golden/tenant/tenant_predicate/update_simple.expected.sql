UPDATE app.orders SET status = 'shipped' WHERE id = 5 AND orders.tenant_id = '11111111-1111-1111-1111-111111111111'
