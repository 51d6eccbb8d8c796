SELECT order_id + line AS a, order_id * quantity AS b, stock + 1 AS c FROM order_items, products
