SELECT int4range(1, 5) AS r
