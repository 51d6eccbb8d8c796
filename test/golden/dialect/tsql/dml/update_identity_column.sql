UPDATE customers SET id = id + 1000 WHERE id = 1
