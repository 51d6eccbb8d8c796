DELETE FROM order_items oi USING orders o WHERE o.id = oi.order_id AND o.status = 'void'
