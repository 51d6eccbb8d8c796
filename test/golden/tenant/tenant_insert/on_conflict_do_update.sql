INSERT INTO products (id, sku, price) VALUES (1, 'A-1', 9) ON CONFLICT (id) DO UPDATE SET price = EXCLUDED.price
