SELECT nullif(total, 0) AS a, CASE WHEN total IS NULL THEN 0 ELSE total END AS b, nullif(country, 'US') AS c FROM orders JOIN customers ON customers.id = orders.customer_id
