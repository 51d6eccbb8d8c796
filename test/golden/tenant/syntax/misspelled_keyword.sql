SELEC * FROM orders
