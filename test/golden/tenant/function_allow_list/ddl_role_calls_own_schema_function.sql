-- role: {"*": "ddl"}
SELECT app.other_fn(1)
