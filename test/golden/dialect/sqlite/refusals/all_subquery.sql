SELECT id FROM orders WHERE total > ALL (SELECT unit_price FROM order_items)
