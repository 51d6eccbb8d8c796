-- context: {"crossSchemaJoins": "block"}
SELECT c.column_name FROM information_schema.columns c JOIN app.products p ON p.name = c.column_name
