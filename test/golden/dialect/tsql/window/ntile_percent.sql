SELECT id, ntile(4) OVER (ORDER BY total) AS q, percent_rank() OVER (ORDER BY total) AS pr, cume_dist() OVER (ORDER BY total) AS cd FROM orders
