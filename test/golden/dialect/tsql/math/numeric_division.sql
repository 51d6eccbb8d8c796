SELECT unit_price / 3 AS a, unit_price / quantity AS b, total / 7 AS c FROM order_items, orders
