-- role: {"*": "read"}
UPDATE app.customers SET name = 'x'
