SELECT id FROM customers INTERSECT ALL SELECT customer_id FROM orders
