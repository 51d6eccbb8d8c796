SELECT * FROM orders o FULL JOIN invoices i ON i.order_id = o.id FULL JOIN order_items oi ON oi.order_id = o.id
