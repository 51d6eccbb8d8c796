SELECT weight_kg::numeric AS w, price::float8 AS p, rating::double precision AS r, stock::real AS s FROM products
