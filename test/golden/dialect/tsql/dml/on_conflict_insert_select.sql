INSERT INTO accounts (id, owner_id) SELECT id, id FROM customers ON CONFLICT (id) DO NOTHING
