INSERT INTO orders (id, tenant_id) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET tenant_id = EXCLUDED.tenant_id
