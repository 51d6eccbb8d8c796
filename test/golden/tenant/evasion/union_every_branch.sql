SELECT id FROM orders UNION SELECT id FROM invoices UNION ALL SELECT id FROM order_items
