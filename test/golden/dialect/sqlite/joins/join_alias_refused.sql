SELECT j.id FROM (customers JOIN orders ON orders.customer_id = customers.id) AS j
