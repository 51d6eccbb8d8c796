SELECT * FROM app.customers c LEFT JOIN LATERAL (SELECT * FROM orders o WHERE o.customer_id = c.id LIMIT 3) x ON true
