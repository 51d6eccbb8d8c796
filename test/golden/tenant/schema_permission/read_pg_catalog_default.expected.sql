SELECT rolname FROM pg_catalog.pg_roles
