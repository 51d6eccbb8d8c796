SELECT id FROM customers WHERE country IN ($1, $2)
