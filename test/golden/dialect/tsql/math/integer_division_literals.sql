SELECT 7 / 2 AS a, -7 / 2 AS b, 7 % -3 AS c, 7.0 / 2 AS d
