INSERT INTO accounts (nope) VALUES (1)
