SELECT string_agg(DISTINCT country, '/') AS countries FROM customers
