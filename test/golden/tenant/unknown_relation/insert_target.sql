INSERT INTO nosuch (id) VALUES (1)
