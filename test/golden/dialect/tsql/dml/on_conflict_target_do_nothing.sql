INSERT INTO customers (name, email) VALUES ('Ann', 'ann@example.com') ON CONFLICT (email) DO NOTHING
