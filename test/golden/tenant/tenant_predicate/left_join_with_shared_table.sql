SELECT o.id, c.name FROM orders o LEFT JOIN app.currencies c ON c.code = o.status
