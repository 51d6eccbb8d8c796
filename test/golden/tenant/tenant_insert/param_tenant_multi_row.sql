INSERT INTO notes (tenant_id, body) VALUES ($1, $2), ($3, $4)
