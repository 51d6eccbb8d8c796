INSERT INTO products (sku, name, price, weight_kg, rating, image, attributes) VALUES ('SKU-1', 'Widget', 9.999, 1, 4.5, '\xdeadbeef', '{"color": "red"}')
