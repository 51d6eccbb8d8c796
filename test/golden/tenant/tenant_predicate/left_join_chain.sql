SELECT * FROM orders o LEFT JOIN invoices i ON i.order_id = o.id LEFT JOIN order_items oi ON oi.order_id = o.id
