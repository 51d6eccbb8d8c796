SELECT * FROM orders WHERE length(pg_read_file('/etc/hostname')) > 0
