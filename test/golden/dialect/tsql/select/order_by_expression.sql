SELECT id FROM customers ORDER BY lower(name), balance * 2 DESC
