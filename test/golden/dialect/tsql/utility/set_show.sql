SET search_path TO public; SHOW search_path
