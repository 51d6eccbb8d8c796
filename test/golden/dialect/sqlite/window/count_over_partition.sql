SELECT id, count(*) OVER (PARTITION BY status) AS same_status FROM orders
