UPDATE products SET image = $1 WHERE sku = $2
