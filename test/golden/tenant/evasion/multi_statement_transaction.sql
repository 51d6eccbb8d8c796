BEGIN; UPDATE orders SET status = 'paid' WHERE id = 1; INSERT INTO invoices (order_id, amount) VALUES (1, 10); COMMIT
