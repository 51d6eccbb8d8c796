SELECT o.id, n FROM orders o, LATERAL generate_series(1, 3) AS n
