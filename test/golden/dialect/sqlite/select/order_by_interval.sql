SELECT id FROM orders ORDER BY lead_time
