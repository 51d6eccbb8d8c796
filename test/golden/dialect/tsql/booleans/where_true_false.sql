SELECT id FROM customers WHERE true AND NOT false
