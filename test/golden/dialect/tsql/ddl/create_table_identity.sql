CREATE TABLE tickets2 (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, code text UNIQUE NOT NULL, created timestamp DEFAULT localtimestamp)
