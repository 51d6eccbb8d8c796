DELETE FROM orders WHERE id IN (SELECT id FROM orders WHERE status = 'stale' ORDER BY ordered_on LIMIT 100)
