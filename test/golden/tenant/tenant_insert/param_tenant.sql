INSERT INTO orders (id, tenant_id, total) VALUES ($1, $2, $3)
