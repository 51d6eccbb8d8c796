INSERT INTO events (kind, payload, happened_at) VALUES ('click', DEFAULT, DEFAULT)
