SELECT total::int AS a, weight_kg::int AS b, '42'::int AS c, notes::integer AS d FROM orders, products
