DELETE FROM notes WHERE id IN (SELECT n2.id FROM notes n2 JOIN orders o ON o.id = n2.id)
