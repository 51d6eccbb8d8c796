UPDATE app.orders AS o SET total = o.total * 2 WHERE o.status = 'new' AND o.tenant_id = '11111111-1111-1111-1111-111111111111'
