CREATE INDEX IF NOT EXISTS events_kind_idx ON events (kind)
