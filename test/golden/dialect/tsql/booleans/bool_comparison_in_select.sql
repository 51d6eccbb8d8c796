SELECT id, total > 100 AS big, notes IS NULL AS no_notes FROM orders
