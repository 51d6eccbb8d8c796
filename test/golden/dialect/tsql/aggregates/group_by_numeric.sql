SELECT total, count(*) AS n FROM orders GROUP BY total ORDER BY total
