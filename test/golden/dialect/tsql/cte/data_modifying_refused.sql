WITH gone AS (DELETE FROM orders WHERE status = 'cancelled' RETURNING id) SELECT count(*) FROM gone
