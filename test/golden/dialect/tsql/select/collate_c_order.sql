SELECT name FROM customers ORDER BY name COLLATE "C"
