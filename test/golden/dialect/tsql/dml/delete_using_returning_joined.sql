DELETE FROM orders o USING customers c WHERE c.id = o.customer_id AND NOT c.active RETURNING o.id, c.email
