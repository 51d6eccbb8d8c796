SELECT * FROM (SELECT id, customer_id, row_number() OVER (PARTITION BY customer_id ORDER BY total DESC) AS rn FROM orders) t WHERE rn = 1
