SELECT id, rank() OVER (PARTITION BY customer_id ORDER BY total DESC) FROM app.orders WHERE orders.tenant_id = '11111111-1111-1111-1111-111111111111'
