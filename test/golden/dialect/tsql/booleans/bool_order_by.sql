SELECT id FROM customers ORDER BY active DESC, id
