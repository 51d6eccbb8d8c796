SELECT PG_READ_FILE('/etc/passwd')
