SELECT c.id, (SELECT count(*) FROM orders o WHERE o.customer_id = c.id) AS n FROM app.customers c
