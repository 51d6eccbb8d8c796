-- context: {"searchPath": ["app", "pg_catalog", "public"]}
SELECT format('%s', 1)
