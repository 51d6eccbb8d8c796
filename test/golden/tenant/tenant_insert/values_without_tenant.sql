INSERT INTO orders (id, customer_id, total) VALUES (1, 2, 99.5)
