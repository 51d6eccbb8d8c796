INSERT INTO products (sku, name, price) VALUES ('A', 'a', 1) ON CONFLICT ON CONSTRAINT products_pkey DO NOTHING
