SELECT DISTINCT ON (customer_id) customer_id, total FROM app.orders WHERE orders.tenant_id = '11111111-1111-1111-1111-111111111111' ORDER BY customer_id, created_at DESC
