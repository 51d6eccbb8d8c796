SELECT id FROM orders WHERE total IN (SELECT unit_price FROM order_items)
