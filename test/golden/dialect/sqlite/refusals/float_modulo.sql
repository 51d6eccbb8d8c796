SELECT weight_kg % 2 FROM products
