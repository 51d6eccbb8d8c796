SELECT power(2, 0.5) AS p, power(2, 40) AS big, 2 ^ 0.5 AS caret
