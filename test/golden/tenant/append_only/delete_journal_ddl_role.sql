-- role: {"*": "ddl"}
DELETE FROM app.journal WHERE id = 1
