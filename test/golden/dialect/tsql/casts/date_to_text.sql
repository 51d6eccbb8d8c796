SELECT ordered_on::text AS d, shipped_at::varchar AS s FROM orders
