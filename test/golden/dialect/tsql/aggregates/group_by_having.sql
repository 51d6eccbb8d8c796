SELECT customer_id, count(*) AS n, sum(total) AS spent FROM orders GROUP BY customer_id HAVING sum(total) > 100 ORDER BY spent DESC
