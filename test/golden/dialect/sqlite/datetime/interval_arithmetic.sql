SELECT delivered_at + interval '1 day' AS a, shipped_at - '2 hours'::interval AS b, lead_time * 2 AS c, lead_time + lead_time AS d FROM orders
