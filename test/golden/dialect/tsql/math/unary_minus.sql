SELECT -quantity AS a, -unit_price AS b, +line AS c FROM order_items
