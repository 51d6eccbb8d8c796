ALTER DATABASE fabric SET search_path = audit
