INSERT INTO app.orders (id, tenant_id, customer_id, total, status, created_at) VALUES (1, '11111111-1111-1111-1111-111111111111', 2, 10, 'new', now())
