WITH n AS (INSERT INTO notes (body) VALUES ('hello') RETURNING id) SELECT id FROM n
