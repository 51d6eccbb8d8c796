SELECT name, ARRAY(SELECT id FROM orders o WHERE o.customer_id = c.id) AS order_ids FROM customers c
