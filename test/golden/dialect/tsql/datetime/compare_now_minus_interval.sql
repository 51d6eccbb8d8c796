SELECT id FROM events WHERE happened_at > now() - interval '7 days'
