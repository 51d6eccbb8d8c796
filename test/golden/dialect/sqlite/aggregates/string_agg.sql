SELECT string_agg(name, ', ') AS names, string_agg(DISTINCT country, '/') AS countries FROM customers
