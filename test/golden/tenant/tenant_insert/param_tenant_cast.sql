INSERT INTO orders (tenant_id, total) VALUES ($1::uuid, $2::numeric)
