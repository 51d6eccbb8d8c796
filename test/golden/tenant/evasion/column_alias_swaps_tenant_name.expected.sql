SELECT * FROM app.orders AS x(tenant_id, real_tenant) WHERE x.real_tenant = '11111111-1111-1111-1111-111111111111'
