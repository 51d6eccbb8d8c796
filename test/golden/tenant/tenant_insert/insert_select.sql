INSERT INTO orders (id, total) SELECT order_id, amount FROM invoices WHERE paid_at IS NULL
