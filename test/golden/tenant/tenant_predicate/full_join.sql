SELECT o.id, i.id FROM orders o FULL JOIN invoices i ON i.order_id = o.id
