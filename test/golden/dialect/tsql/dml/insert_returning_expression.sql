INSERT INTO order_items (order_id, line, sku, quantity, unit_price) VALUES (1, 1, 'A', 2, 3.50) RETURNING quantity * unit_price AS amount, sku
