SELECT id FROM orders ORDER BY shipped_at
