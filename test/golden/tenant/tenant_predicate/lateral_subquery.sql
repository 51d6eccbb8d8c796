SELECT c.name, last.total FROM app.customers c, LATERAL (SELECT total FROM orders o WHERE o.customer_id = c.id ORDER BY created_at DESC LIMIT 1) last
