SELECT CASE WHEN total > 100 THEN 'big' WHEN total > 10 THEN 'medium' ELSE 'small' END, CASE status WHEN 'paid' THEN 1 ELSE 0 END AS paid FROM orders
