SELECT lead_time / 2 AS half FROM orders
