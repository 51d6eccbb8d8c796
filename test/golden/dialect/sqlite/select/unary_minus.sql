SELECT -quantity AS a, -unit_price AS b, -lead_time AS c FROM order_items, orders
