SELECT weight_kg * 2 AS a, weight_kg / stock AS b, rating + 1 AS c, price * weight_kg AS d FROM products
