INSERT INTO app.v_orders (id, total, tenant_id) VALUES (1, 2, '11111111-1111-1111-1111-111111111111')
