SELECT id FROM orders WHERE ordered_on >= '2024-01-01' AND shipped_at < '2024-02-01 10:00'
