INSERT INTO products (sku, name, price) VALUES ('A', 'a', 1) ON CONFLICT (sku) DO UPDATE SET price = excluded.price RETURNING sku, price
