UPDATE products SET price = price * 1.1
