SELECT lead_time::int AS bad FROM orders
