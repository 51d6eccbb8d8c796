CALL app.allowed_fn(pg_read_file('/etc/passwd'))
