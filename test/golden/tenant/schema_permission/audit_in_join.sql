SELECT * FROM orders o LEFT JOIN audit.log l ON l.id = o.id
