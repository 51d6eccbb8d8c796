SELECT t.id FROM (SELECT id FROM orders ORDER BY ordered_on DESC LIMIT 5) AS t ORDER BY t.id
