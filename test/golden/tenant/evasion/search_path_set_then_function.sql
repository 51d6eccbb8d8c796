SET search_path = audit, app; SELECT allowed_fn(1)
