INSERT INTO journal (id, amount) VALUES (1, 5) ON CONFLICT (id) DO UPDATE SET amount = 5
