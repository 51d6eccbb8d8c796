SELECT price::float8 AS p, stock::real AS s, total::double precision AS t FROM products, orders
