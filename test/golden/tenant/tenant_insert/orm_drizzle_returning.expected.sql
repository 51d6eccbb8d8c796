INSERT INTO app.orders (id, tenant_id, total) VALUES (DEFAULT, $1, $2) RETURNING id
-- params checked at Bind: $1
