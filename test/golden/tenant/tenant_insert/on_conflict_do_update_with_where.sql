INSERT INTO products (id, price) VALUES (1, 9) ON CONFLICT (id) DO UPDATE SET price = EXCLUDED.price WHERE products.price < EXCLUDED.price
