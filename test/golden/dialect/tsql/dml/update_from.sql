UPDATE orders SET total = t.s FROM (SELECT order_id, sum(quantity * unit_price) AS s FROM order_items GROUP BY order_id) t WHERE t.order_id = orders.id
