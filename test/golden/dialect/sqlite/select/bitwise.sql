SELECT 5 & 3 AS a, 5 | 3 AS o, 5 # 3 AS x, 1 << 4 AS l, 256 >> 2 AS r
