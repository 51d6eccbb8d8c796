SELECT customer_id, total FROM app.v_orders WHERE v_orders.tenant_id = '11111111-1111-1111-1111-111111111111'
