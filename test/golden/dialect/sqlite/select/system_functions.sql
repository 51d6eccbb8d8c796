SELECT version(), current_database(), current_user, current_schema(), pg_backend_pid() AS pid
