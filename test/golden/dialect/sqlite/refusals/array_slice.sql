SELECT tags[1:2] FROM customers
