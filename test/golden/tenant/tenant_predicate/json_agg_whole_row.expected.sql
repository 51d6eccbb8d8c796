SELECT json_agg(o) FROM app.orders AS o WHERE o.tenant_id = '11111111-1111-1111-1111-111111111111'
