SELECT payload::jsonb -> 'a' AS a FROM events
