INSERT INTO customers (id, name) VALUES (100, 'Explicit')
