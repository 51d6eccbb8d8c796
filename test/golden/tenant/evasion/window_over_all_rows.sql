SELECT id, count(*) OVER () FROM orders
