SELECT c.name, ARRAY(SELECT o.id FROM orders o WHERE o.customer_id = c.id) FROM app.customers c
