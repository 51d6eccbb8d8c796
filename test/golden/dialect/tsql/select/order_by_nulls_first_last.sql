SELECT id FROM orders ORDER BY shipped_at NULLS FIRST, total DESC NULLS LAST, notes DESC
