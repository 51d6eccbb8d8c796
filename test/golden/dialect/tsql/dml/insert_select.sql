INSERT INTO accounts (id, owner_id, opened_on) SELECT id, id, created_at::date FROM customers WHERE active
