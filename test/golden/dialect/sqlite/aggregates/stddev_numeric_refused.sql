SELECT stddev(unit_price) AS s FROM order_items
