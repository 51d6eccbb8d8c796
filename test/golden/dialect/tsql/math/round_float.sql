SELECT round(weight_kg) AS a, ceil(weight_kg) AS b, floor(rating) AS c, abs(rating) AS d FROM products
