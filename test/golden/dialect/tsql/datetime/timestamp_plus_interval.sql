SELECT shipped_at + interval '2 hours' AS a, happened_at - interval '30 minutes' AS b FROM orders, events
