UPDATE orders o SET status = 'vip' FROM customers c WHERE c.id = o.customer_id AND c.active RETURNING o.id, c.name
