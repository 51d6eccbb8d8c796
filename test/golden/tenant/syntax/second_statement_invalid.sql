SELECT * FROM orders; DELET FROM orders
