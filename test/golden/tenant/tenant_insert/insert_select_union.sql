INSERT INTO orders (id, total) SELECT order_id, amount FROM invoices UNION ALL SELECT 0, 0
