SELECT (SELECT max(total) FROM orders) + 1 AS x, (SELECT min(unit_price) FROM order_items) AS y
