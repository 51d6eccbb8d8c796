SELECT trunc(total) AS a, trunc(total, 1) AS b, sign(total) AS c, sign(quantity) AS d FROM orders, order_items
