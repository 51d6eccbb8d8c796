WITH a(x) AS (SELECT id FROM customers), b AS (SELECT x * 2 AS y FROM a) SELECT y FROM b
