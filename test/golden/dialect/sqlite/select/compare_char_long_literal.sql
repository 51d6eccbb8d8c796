SELECT id FROM customers WHERE country = 'USA'
