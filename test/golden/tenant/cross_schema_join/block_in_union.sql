-- context: {"crossSchemaJoins": "block"}
SELECT id FROM orders UNION SELECT id FROM public.tags
