SELECT stddev(weight_kg) AS s, variance(weight_kg) AS v FROM products
