SELECT status FROM orders GROUP BY status HAVING count(*) > 1
