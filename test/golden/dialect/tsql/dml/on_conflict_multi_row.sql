INSERT INTO products (sku, name, price) VALUES ('A', 'a', 1), ('B', 'b', 2) ON CONFLICT (sku) DO UPDATE SET name = excluded.name
