SELECT * FROM orders AS x(tenant_id, real_tenant)
