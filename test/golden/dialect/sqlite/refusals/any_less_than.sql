SELECT id FROM customers WHERE id < ANY(ARRAY[1, 2])
