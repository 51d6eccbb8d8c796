SELECT delivered_at AT TIME ZONE 'Europe/Paris' AS local FROM orders
