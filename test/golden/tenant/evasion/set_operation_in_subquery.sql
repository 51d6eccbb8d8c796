SELECT * FROM app.customers WHERE id IN (SELECT customer_id FROM orders UNION SELECT id FROM notes)
