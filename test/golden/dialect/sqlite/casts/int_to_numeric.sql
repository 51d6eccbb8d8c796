SELECT id::numeric AS n, customer_id::numeric(10,2) AS m FROM orders
