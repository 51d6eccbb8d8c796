ALTER SYSTEM SET log_statement = 'all'
