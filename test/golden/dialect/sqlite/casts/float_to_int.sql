SELECT weight_kg::int AS w FROM products
