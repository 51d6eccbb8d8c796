SELECT c.name, t.total FROM app.customers c JOIN v_order_totals t ON t.customer_id = c.id
