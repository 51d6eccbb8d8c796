SELECT shipped_at + interval '1 year' AS y, shipped_at + interval '3 weeks' AS w, shipped_at + interval '10 seconds' AS s, shipped_at - '1 day'::interval AS d FROM orders
