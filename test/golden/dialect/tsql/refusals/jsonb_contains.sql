SELECT id FROM events WHERE payload::jsonb @> '{"a": 1}'
