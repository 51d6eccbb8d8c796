INSERT INTO products (sku, name, price, stock) VALUES ($1, $2, $3, $4)
