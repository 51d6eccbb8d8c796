INSERT INTO events (kind, payload) VALUES ('login', '{}')
