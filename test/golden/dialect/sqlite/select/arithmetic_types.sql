SELECT quantity + 1 AS a, quantity / 2 AS b, quantity % 3 AS c, unit_price * quantity AS d, unit_price / 3 AS e, order_id * 2 AS f, 2 ^ 10 AS g FROM order_items
