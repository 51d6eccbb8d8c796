COPY products (sku, name, price) FROM STDIN WITH (FORMAT csv)
