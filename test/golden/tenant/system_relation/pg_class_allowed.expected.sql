SELECT relname, relkind FROM pg_catalog.pg_class WHERE relnamespace = CAST('app' AS regnamespace)
