INSERT INTO app.customers (name, email, tenant_id) VALUES ('Ann', 'ann@example.com', '11111111-1111-1111-1111-111111111111') RETURNING id, tenant_id
