-- context: {"crossSchemaJoins": "block"}
SELECT * FROM orders; SELECT * FROM config.settings
