SELECT name FROM customers ORDER BY name COLLATE "de_DE"
