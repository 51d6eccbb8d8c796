SELECT * FROM remote_orders
