SELECT date_trunc('month', ordered_on) AS month, count(*) FROM orders GROUP BY 1 ORDER BY 1
