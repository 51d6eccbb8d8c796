INSERT INTO app.orders (id, customer_id, total, tenant_id) VALUES (1, 2, 99.5, '11111111-1111-1111-1111-111111111111')
