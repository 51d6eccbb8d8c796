SELECT s.total FROM (SELECT customer_id, sum(total) AS total FROM orders GROUP BY customer_id) s WHERE s.total > 10
