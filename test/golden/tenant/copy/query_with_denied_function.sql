COPY (SELECT pg_read_file('/etc/passwd')) TO STDOUT
