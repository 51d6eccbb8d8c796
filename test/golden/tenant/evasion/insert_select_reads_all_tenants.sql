INSERT INTO notes (body) SELECT string_agg(body, ',') FROM notes
