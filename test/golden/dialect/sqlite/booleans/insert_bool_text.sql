INSERT INTO accounts (id, frozen) VALUES (1, 'yes'), (2, 'f')
