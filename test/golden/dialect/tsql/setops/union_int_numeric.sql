SELECT quantity FROM order_items UNION ALL SELECT unit_price FROM order_items
