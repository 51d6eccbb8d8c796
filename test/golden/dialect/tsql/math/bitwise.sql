SELECT 5 & 3 AS a, 5 | 3 AS o, 5 # 3 AS x
