INSERT INTO notes (id, body) VALUES (1, 'mine') ON CONFLICT (id) DO UPDATE SET body = EXCLUDED.body RETURNING *
