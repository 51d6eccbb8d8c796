SELECT id FROM customers EXCEPT ALL SELECT customer_id FROM orders
