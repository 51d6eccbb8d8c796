SET LOCAL search_path = public; SELECT * FROM notes
