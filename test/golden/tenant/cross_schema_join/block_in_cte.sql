-- context: {"crossSchemaJoins": "block"}
WITH p AS (SELECT * FROM config.plans) SELECT * FROM orders, p
