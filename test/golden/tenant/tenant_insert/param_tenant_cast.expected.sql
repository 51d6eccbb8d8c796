INSERT INTO app.orders (tenant_id, total) VALUES (CAST($1 AS uuid), CAST($2 AS numeric))
-- params checked at Bind: $1
