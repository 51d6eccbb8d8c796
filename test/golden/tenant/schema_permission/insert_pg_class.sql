INSERT INTO pg_class (relname) VALUES ('x')
