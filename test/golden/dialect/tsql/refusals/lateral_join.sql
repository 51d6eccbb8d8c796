SELECT c.id, k.id FROM customers c CROSS JOIN LATERAL (SELECT o.id FROM orders o WHERE o.customer_id = c.id LIMIT 1) AS k
