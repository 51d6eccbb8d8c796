SELECT o.id, o.total FROM app.orders AS o WHERE o.total > 100 AND o.tenant_id = '11111111-1111-1111-1111-111111111111'
