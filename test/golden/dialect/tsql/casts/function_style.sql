SELECT int4('12') AS x, text(42) AS y
