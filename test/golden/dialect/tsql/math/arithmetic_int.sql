SELECT quantity + 1 AS a, quantity - line AS b, quantity * 2 AS c, quantity / 2 AS d, quantity % 3 AS e FROM order_items
