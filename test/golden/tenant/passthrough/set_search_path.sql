SET search_path = public, app
