INSERT INTO orders (id, total) VALUES (1, 0) ON CONFLICT (id) DO UPDATE SET total = (SELECT sum(amount) FROM invoices WHERE order_id = 1)
