SELECT ordered_on::text AS d, shipped_at::varchar AS s, lead_time::text AS l FROM orders
