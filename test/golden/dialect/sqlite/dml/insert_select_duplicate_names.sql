INSERT INTO accounts (id, owner_id) SELECT a.id, c.id FROM accounts a JOIN customers c ON c.id = a.owner_id + 1
