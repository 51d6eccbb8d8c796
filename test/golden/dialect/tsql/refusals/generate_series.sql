SELECT g FROM generate_series(1, 10) AS g
