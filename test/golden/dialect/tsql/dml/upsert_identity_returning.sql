INSERT INTO customers (name, email) VALUES ('Ann', 'ann@example.com') ON CONFLICT (email) DO UPDATE SET name = excluded.name RETURNING id, name
