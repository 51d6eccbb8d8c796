SELECT shipped_at + interval '1 day 2 hours' AS x FROM orders
