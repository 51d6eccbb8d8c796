SELECT notes::integer AS n FROM orders
