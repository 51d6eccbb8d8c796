SELECT sum(weight_kg) AS w, sum(stock) AS s, sum(rating) AS r FROM products
