SELECT name AS id FROM customers ORDER BY id
