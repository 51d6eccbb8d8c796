-- context: {"crossSchemaJoins": "block"}
SELECT o.id, t.typname FROM orders o JOIN pg_catalog.pg_type t ON t.oid = o.id
