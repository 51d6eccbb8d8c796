INSERT INTO accounts (id, owner_id, limit_amount) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET limit_amount = excluded.limit_amount
