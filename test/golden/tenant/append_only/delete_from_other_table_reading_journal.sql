DELETE FROM notes WHERE id IN (SELECT id FROM journal)
