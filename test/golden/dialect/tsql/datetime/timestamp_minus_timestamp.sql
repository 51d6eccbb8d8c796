SELECT now() - happened_at AS since FROM events
