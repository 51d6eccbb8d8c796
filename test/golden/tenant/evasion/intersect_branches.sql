SELECT customer_id FROM orders INTERSECT SELECT id FROM app.customers
