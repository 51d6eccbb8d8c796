INSERT INTO events (kind, happened_at, local_time) VALUES ('x', '2024-02-03 10:00:00+01', '08:30:00')
