SELECT customer_id, total FROM v_orders
