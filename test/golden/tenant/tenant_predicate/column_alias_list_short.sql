SELECT * FROM orders AS x(order_id)
