INSERT INTO orders (id, tenant_id) VALUES (1, NULL)
