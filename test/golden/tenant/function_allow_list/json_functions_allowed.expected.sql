SELECT jsonb_build_object('id', id, 'total', total) FROM app.orders WHERE orders.tenant_id = '11111111-1111-1111-1111-111111111111'
