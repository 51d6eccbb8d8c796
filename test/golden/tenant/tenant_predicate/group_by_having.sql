SELECT customer_id, sum(total) FROM orders GROUP BY customer_id HAVING sum(total) > 1000
