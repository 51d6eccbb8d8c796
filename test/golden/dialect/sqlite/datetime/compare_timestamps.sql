SELECT id FROM orders WHERE delivered_at > now() - interval '7 days' AND ordered_on >= '2024-01-01'
