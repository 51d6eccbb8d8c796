UPDATE customers SET (name, email) = ('a', 'b') WHERE id = 1
