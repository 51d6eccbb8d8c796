SELECT date_trunc('month', shipped_at) AS month, count(*) FROM orders GROUP BY 1 ORDER BY 1
