SELECT rolname FROM pg_roles
