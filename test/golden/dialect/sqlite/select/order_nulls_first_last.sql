SELECT id FROM orders ORDER BY shipped_at NULLS FIRST, delivered_at DESC NULLS LAST, notes DESC
