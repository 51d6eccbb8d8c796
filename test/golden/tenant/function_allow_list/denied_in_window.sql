SELECT id, sum(total) OVER (ORDER BY pg_read_file('/etc/passwd')) FROM orders
