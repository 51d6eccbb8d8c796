SELECT stddev(weight_kg) AS s, variance(weight_kg) AS v, stddev_pop(weight_kg) AS sp FROM products
