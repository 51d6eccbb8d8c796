UPDATE app.v_orders SET total = 0 WHERE id = 1 AND v_orders.tenant_id = '11111111-1111-1111-1111-111111111111'
