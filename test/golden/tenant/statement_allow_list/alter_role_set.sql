ALTER ROLE app_rw SET search_path = audit
