SELECT * FROM pg_temp.customers AS t JOIN app.orders AS o ON o.customer_id = t.id WHERE o.tenant_id = '11111111-1111-1111-1111-111111111111'
