SELECT a.id, c.id FROM accounts a FULL OUTER JOIN customers c ON a.owner_id = c.id
