UPDATE app.notes AS n SET body = o.status FROM app.orders AS o WHERE o.id = n.id AND n.tenant_id = '11111111-1111-1111-1111-111111111111' AND o.tenant_id = '11111111-1111-1111-1111-111111111111'
