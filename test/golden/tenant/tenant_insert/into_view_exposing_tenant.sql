INSERT INTO v_orders (id, total) VALUES (1, 2)
