SELECT id FROM orders WHERE tracking = $1 UNION ALL SELECT id FROM events WHERE happened_at > $2 AND local_time < $3
