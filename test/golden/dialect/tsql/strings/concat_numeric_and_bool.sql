SELECT 'total ' || total AS t, 'active ' || active AS a FROM orders JOIN customers ON customers.id = orders.customer_id
