SELECT * FROM pg_locks
