CREATE UNIQUE INDEX products_name_key ON products (name)
