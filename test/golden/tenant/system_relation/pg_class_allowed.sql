SELECT relname, relkind FROM pg_class WHERE relnamespace = 'app'::regnamespace
