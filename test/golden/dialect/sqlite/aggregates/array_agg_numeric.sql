SELECT array_agg(total) AS totals, array_agg(ordered_on) AS dates FROM orders
