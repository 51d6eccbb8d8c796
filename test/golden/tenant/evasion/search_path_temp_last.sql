-- context: {"searchPath": ["app", "pg_temp"]}
SELECT * FROM customers
