INSERT INTO products (sku) VALUES ('X')
