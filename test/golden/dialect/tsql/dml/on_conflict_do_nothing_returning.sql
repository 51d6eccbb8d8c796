INSERT INTO products (sku, name, price) VALUES ('A', 'a', 1) ON CONFLICT DO NOTHING RETURNING sku
