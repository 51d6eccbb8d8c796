-- role: {"*": "ddl"}
TRUNCATE app.orders CASCADE
