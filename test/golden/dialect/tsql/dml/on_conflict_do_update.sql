INSERT INTO products (sku, name, price, stock) VALUES ('A', 'a', 1, 5) ON CONFLICT (sku) DO UPDATE SET stock = products.stock + excluded.stock, price = EXCLUDED.price
