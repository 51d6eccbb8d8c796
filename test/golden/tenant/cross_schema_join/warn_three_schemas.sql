-- context: {"crossSchemaJoins": "warn"}
SELECT * FROM orders, config.plans, public.tags
