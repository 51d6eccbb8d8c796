SELECT customer_id, sum(total) FROM orders GROUP BY ROLLUP (customer_id)
