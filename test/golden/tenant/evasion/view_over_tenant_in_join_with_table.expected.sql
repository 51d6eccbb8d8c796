SELECT * FROM app.v_orders AS v JOIN app.orders AS o ON o.id = v.id WHERE v.tenant_id = '11111111-1111-1111-1111-111111111111' AND o.tenant_id = '11111111-1111-1111-1111-111111111111'
