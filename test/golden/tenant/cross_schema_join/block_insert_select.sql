-- context: {"crossSchemaJoins": "block"}
INSERT INTO products (name, price) SELECT name, price FROM config.plans
