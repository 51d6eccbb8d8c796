-- context: {"crossSchemaJoins": "block"}
SELECT * FROM orders o, pgbench_accounts a WHERE a.aid = o.id
