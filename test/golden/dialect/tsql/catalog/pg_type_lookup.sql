SELECT oid, typname FROM pg_type WHERE typname IN ('int4', 'text')
