SELECT round(total) AS a, round(total, 1) AS b, abs(total) AS c, ceil(total) AS d, floor(total) AS e FROM orders
