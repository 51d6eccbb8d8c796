SELECT total::int AS whole, discount::bigint AS d FROM orders
