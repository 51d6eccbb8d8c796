SELECT * FROM jsonb_to_record('{"a":1}') AS r(a int)
