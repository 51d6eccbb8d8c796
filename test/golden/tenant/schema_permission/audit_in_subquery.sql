SELECT * FROM orders WHERE id IN (SELECT id FROM audit.log)
