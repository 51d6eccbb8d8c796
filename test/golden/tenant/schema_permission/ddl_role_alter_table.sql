-- role: {"*": "ddl"}
ALTER TABLE app.orders ADD COLUMN note text
