DELETE FROM journal WHERE id = 1
