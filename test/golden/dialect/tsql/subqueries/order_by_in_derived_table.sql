SELECT t.id FROM (SELECT id FROM orders ORDER BY id) AS t
