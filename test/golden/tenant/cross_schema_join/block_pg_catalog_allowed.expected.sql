SELECT o.id, t.typname FROM app.orders AS o JOIN pg_catalog.pg_type AS t ON t.oid = o.id WHERE o.tenant_id = '11111111-1111-1111-1111-111111111111'
