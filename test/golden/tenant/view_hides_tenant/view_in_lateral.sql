SELECT * FROM app.customers c, LATERAL (SELECT total FROM v_order_totals t WHERE t.customer_id = c.id) x
