SELECT o.id, c.name FROM orders o JOIN app.customers c ON c.id = o.customer_id
