SELECT * FROM generate_series(1, 10) AS g(n)
