SELECT happened_at AT TIME ZONE 'UTC' AS utc FROM events
