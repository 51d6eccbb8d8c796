SELECT * FROM order_items NATURAL JOIN products
