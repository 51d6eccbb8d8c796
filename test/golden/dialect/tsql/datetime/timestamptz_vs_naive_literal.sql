SELECT id FROM events WHERE happened_at > '2024-01-01 10:00'
