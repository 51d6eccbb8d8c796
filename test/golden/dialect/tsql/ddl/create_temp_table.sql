CREATE TEMP TABLE scratch (id int, note text)
