SELECT id FROM orders EXCEPT SELECT order_id FROM invoices
