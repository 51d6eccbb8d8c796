SELECT o.id, i.amount FROM orders o LEFT JOIN invoices i ON i.order_id = o.id WHERE i.amount IS NULL
