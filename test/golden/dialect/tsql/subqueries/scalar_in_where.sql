SELECT id FROM orders WHERE total > (SELECT avg(total) FROM orders)
