SELECT quantity FROM order_items UNION SELECT unit_price FROM order_items
