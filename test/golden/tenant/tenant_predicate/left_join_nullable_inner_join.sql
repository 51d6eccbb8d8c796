SELECT * FROM orders o LEFT JOIN (invoices i JOIN order_items oi ON oi.order_id = i.order_id) ON i.order_id = o.id
