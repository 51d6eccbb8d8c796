SELECT weight_kg % 2 AS m FROM products
