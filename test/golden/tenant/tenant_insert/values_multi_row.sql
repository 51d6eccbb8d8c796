INSERT INTO order_items (order_id, product_id, qty) VALUES (1, 10, 2), (1, 11, 1), (1, 12, 5)
