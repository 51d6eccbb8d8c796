-- context: {"crossSchemaJoins": "block"}
SELECT * FROM orders WHERE status IN (SELECT value FROM config.settings)
