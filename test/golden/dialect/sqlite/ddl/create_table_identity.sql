CREATE TABLE tickets (id integer GENERATED ALWAYS AS IDENTITY, code text UNIQUE NOT NULL, created timestamp DEFAULT localtimestamp)
