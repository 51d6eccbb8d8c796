SELECT weight_kg::text AS w, rating::text AS r FROM products
