INSERT INTO pg_temp.customers (id, name) VALUES (1, 'x')
