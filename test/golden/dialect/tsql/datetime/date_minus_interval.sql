SELECT ordered_on - interval '1 day' AS prev, shipped_at - ordered_on AS gap FROM orders
