INSERT INTO products (sku, name) VALUES ('A-1', 'Widget') ON CONFLICT DO NOTHING
