SELECT ordered_on + 7 AS next_week, ordered_on - 1 AS yesterday FROM orders
