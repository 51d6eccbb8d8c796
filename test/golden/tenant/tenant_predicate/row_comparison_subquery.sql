SELECT * FROM orders WHERE (customer_id, total) = (SELECT customer_id, max(total) FROM orders GROUP BY customer_id LIMIT 1)
