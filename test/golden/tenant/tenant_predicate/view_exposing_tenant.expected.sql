SELECT * FROM app.v_orders WHERE total > 5 AND v_orders.tenant_id = '11111111-1111-1111-1111-111111111111'
