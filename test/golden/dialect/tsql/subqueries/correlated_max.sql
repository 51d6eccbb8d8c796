SELECT o.id FROM orders o WHERE o.total = (SELECT max(o2.total) FROM orders o2 WHERE o2.customer_id = o.customer_id)
