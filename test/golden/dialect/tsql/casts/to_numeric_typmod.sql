SELECT total::numeric(8,1) AS t, 3.14159::numeric(5,2) AS pi, id::numeric AS n, weight_kg::numeric(10,2) AS w FROM orders, products
