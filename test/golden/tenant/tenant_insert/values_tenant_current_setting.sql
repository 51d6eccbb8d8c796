INSERT INTO orders (id, tenant_id) VALUES (1, current_setting('pgfabric.tenant_id')::uuid)
