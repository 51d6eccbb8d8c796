SELECT pg_catalog.pg_read_file('postgresql.conf', 0, 100)
