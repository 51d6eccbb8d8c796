-- context: {"crossSchemaJoins": "warn"}
SELECT o.id, s.value FROM orders o JOIN config.settings s ON s.key = o.status
