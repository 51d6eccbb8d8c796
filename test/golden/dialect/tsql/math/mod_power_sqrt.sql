SELECT mod(quantity, 3) AS m, power(2, quantity) AS p, sqrt(quantity) AS s, 2 ^ 10 AS caret FROM order_items
