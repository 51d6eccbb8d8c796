SELECT extract(epoch FROM happened_at) AS e FROM events
