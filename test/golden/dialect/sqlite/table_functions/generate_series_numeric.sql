SELECT * FROM generate_series(0.5, 2.5, 0.5)
