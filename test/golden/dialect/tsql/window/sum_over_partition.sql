SELECT id, sum(total) OVER (PARTITION BY customer_id) AS customer_total, count(*) OVER () AS all_rows FROM orders
