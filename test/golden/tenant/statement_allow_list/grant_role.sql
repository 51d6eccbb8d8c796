GRANT pg_read_server_files TO app_rw
