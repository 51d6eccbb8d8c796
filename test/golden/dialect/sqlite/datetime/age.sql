SELECT age(delivered_at, created_at) AS a, age(created_at) AS b FROM orders JOIN customers ON customers.id = orders.customer_id
