INSERT INTO app.orders (id, tenant_id, total) VALUES ($1, $2, $3)
-- params checked at Bind: $2
