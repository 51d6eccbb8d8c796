SELECT 'a' || 'b' AS ab, 'x' AS "x""y", 'E' AS e
