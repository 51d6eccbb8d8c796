INSERT INTO accounts (id, frozen) VALUES (1, true), (2, false), (3, NULL)
