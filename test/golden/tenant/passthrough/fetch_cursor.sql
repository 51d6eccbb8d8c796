FETCH 10 FROM big_orders
