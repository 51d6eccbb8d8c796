SET search_path = public, app; SELECT allowed_fn(1)
