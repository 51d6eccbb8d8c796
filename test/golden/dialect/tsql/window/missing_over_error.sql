SELECT row_number() FROM orders
