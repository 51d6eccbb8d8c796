INSERT INTO app.customers VALUES (7)
