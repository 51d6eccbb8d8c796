SELECT payload::json AS j, payload::jsonb AS jb FROM events
