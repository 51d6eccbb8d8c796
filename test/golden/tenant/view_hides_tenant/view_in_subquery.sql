SELECT * FROM app.customers WHERE id IN (SELECT customer_id FROM app.v_order_totals)
