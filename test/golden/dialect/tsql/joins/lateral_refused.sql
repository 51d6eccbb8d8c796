SELECT c.name, last.total FROM customers c, LATERAL (SELECT o.total FROM orders o WHERE o.customer_id = c.id ORDER BY o.ordered_on DESC LIMIT 1) AS last
