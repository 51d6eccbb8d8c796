INSERT INTO products (sku, name, price, weight_kg, rating, image) VALUES ('SKU-1', 'Widget', 9.999, 1, 4.5, '\xdeadbeef'), ('SKU-2', 'Gadget', 1, NULL, NULL, NULL)
