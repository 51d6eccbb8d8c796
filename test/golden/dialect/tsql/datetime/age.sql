SELECT age(happened_at) AS a FROM events
