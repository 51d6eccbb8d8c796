INSERT INTO order_items (order_id, line, sku, quantity, unit_price) VALUES (1, 1, 'A', 2, 3.50) ON CONFLICT (order_id, line) DO UPDATE SET quantity = excluded.quantity
