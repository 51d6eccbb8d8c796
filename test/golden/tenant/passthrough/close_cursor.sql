CLOSE big_orders
