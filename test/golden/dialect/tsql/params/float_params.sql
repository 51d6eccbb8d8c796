SELECT sku FROM products WHERE weight_kg > $1 AND rating < $2 AND stock = $3
