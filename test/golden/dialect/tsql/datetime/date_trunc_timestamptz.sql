SELECT date_trunc('day', happened_at) AS d FROM events
