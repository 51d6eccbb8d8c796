INSERT INTO app.notes (tenant_id, body) VALUES ($1, $2), ($3, $4)
-- params checked at Bind: $1, $3
