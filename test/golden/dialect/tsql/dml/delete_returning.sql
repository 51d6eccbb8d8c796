DELETE FROM events WHERE kind = 'noise' RETURNING id, kind, happened_at
