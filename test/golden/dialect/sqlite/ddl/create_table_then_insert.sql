CREATE TABLE kv (k text PRIMARY KEY, v jsonb); INSERT INTO kv VALUES ('a', '{"x":1}') RETURNING v
