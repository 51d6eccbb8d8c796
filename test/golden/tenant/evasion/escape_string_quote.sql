SELECT * FROM notes WHERE body = E'\'; DELETE FROM app.orders; --'
