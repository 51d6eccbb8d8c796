INSERT INTO products (sku, price) VALUES ('A-1', 5) ON CONFLICT ON CONSTRAINT products_sku_key DO UPDATE SET price = 5
