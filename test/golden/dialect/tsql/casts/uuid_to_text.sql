SELECT tracking::text AS t FROM orders
