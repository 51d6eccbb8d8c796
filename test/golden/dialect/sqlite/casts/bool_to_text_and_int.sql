SELECT active::text AS t, active::int AS i FROM customers
