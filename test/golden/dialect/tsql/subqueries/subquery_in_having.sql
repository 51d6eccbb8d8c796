SELECT customer_id FROM orders GROUP BY customer_id HAVING count(*) > (SELECT count(*) / 10 FROM customers)
