UPDATE orders SET total = (SELECT sum(price * qty) FROM order_items oi WHERE oi.order_id = orders.id)
