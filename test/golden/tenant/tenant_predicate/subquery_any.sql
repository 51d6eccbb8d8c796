SELECT * FROM products WHERE price > ANY (SELECT price FROM order_items)
