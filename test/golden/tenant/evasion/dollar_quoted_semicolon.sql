SELECT * FROM notes WHERE body = $tag$ '; DELETE FROM app.orders; -- $tag$
