SELECT id FROM events WHERE payload::jsonb ->> 'kind' = 'x'
