SELECT id FROM customers WHERE country = 'U '
