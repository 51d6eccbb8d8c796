SELECT coalesce(email, name), nullif(status, 'pending'), coalesce(total, 0) AS t FROM orders JOIN customers ON customers.id = orders.customer_id
