INSERT INTO app.customers (name, email) VALUES ('Ann', 'ann@example.com') RETURNING id, tenant_id
