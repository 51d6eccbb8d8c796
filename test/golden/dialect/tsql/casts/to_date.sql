SELECT created_at::date AS d, '2024-02-29'::date AS leap, CAST(shipped_at AS date) AS s FROM customers, orders
