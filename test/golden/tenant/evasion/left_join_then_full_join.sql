SELECT * FROM orders o LEFT JOIN invoices i ON i.order_id = o.id FULL JOIN notes n ON n.id = o.id
