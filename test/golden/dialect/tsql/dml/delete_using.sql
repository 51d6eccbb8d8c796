DELETE FROM order_items USING orders WHERE orders.id = order_items.order_id AND orders.status = 'cancelled'
