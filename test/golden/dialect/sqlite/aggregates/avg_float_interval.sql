SELECT avg(weight_kg) AS w FROM products
