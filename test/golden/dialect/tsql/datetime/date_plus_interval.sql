SELECT ordered_on + interval '1 month' AS next_month FROM orders
