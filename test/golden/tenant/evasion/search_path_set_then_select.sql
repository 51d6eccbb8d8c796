SET search_path = public; SELECT * FROM notes
