SELECT active::int AS i, active::text AS t FROM customers
