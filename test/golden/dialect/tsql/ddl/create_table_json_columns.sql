CREATE TABLE docs (id int PRIMARY KEY, body json, meta jsonb)
