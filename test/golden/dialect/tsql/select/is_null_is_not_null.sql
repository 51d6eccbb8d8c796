SELECT id FROM orders WHERE shipped_at IS NULL AND tracking IS NOT NULL
