SELECT order_id FROM order_items WHERE quantity * $1 > $2
