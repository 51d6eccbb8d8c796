INSERT INTO customers (id, name, email) VALUES (5, 'x', 'x@example.com') ON CONFLICT DO NOTHING
