SELECT id FROM customers WHERE country LIKE 'U%'
